import type { QueryParam } from '../oss/signing/QueryParam.js';
import type { HeaderList } from '../oss/signing/SignatureV4.js';
import type { AuthForm } from '../oss/verify/authenticateOssRequest.js';
import type { OssServiceError } from '../oss/verify/OssServiceError.js';
import { parseAuthorization, parseV4Credential } from '../oss/verify/parseAuthorization.js';
import { parseIsoBasicDate } from '../oss/verify/parseHttpDate.js';
import { queryValue as param } from '../oss/signing/QueryParam.js';
import { headerValue as header } from '../oss/signing/headerValue.js';

/**
 * How a request said who sent it: an OSS signature (V1 or V4, in the
 * Authorization header or the query), nothing (anonymous), or, for the STS
 * endpoint, an RPC (HMAC-SHA1) or ACS3 (HMAC-SHA256) signature.
 */
export type AuthKind = AuthForm | 'anonymous' | 'sts-rpc' | 'sts-acs3';

/**
 * `served`: authenticated and answered with success (2xx, 304);
 * `failed`: authenticated, then answered with an error (NoSuchKey, ...);
 * `refused`: turned away before or by authentication (signature, expiry,
 * key, token, clock skew, anonymous, malformed).
 */
export type RequestVerdict = 'served' | 'failed' | 'refused';

/**
 * One request the emulator finished, as the console and the access log show
 * it. Nothing in it is secret: no signature, no security token, no secret;
 * the AccessKeyId is an identifier, not a credential.
 */
export interface RequestRecord {
  /** x-oss-request-id (x-acs-request-id for STS). */
  readonly requestId: string;
  /** When the request arrived, epoch ms on the emulator's clock. */
  readonly at: number;
  readonly service: 'oss' | 'sts';
  readonly method: string;
  readonly bucket: string | null;
  readonly key: string | null;
  readonly auth: AuthKind;
  readonly signatureVersion: 'v1' | 'v4' | null;
  readonly accessKeyId: string | null;
  /** Whether it carried an STS security token (temporary credentials). */
  readonly sts: boolean;
  /** A presigned URL's expiry (V1 Expires, V4 x-oss-date + x-oss-expires), epoch ms. */
  readonly expiresAt: number | null;
  readonly status: number;
  /** The OSS (or STS) error code answered, null on success. */
  readonly code: string | null;
  readonly verdict: RequestVerdict;
  /** Request body bytes received. */
  readonly bytesIn: number;
  /** Response body bytes sent. */
  readonly bytesOut: number;
  /** From arrival to the last byte handed to the socket, ms. */
  readonly latencyMs: number;
  readonly userAgent: string | null;
}

/** What the request carried, as far as its authentication goes (no secret part). */
export interface AuthSummary {
  readonly auth: AuthKind;
  readonly signatureVersion: 'v1' | 'v4' | null;
  readonly accessKeyId: string | null;
  readonly sts: boolean;
  readonly expiresAt: number | null;
}

/**
 * The authentication an OSS request carries, read the way the verifier
 * chooses its form (Authorization header, then V1 query, then V4 query),
 * whether or not it verifies.
 */
export function ossAuthOf(query: readonly QueryParam[], headers: HeaderList): AuthSummary {
  const sts = [param(query, 'security-token'), param(query, 'x-oss-security-token'), header(headers, 'x-oss-security-token')].some(
    (token) => token !== undefined && token !== '',
  );
  const authorization = header(headers, 'authorization');
  if (authorization !== undefined) {
    const parsed = parseAuthorization(authorization);
    const version = /^\s*OSS4-HMAC-SHA256/i.test(authorization) ? 'v4' : 'v1';
    return {
      auth: version === 'v4' ? 'v4-header' : 'v1-header',
      signatureVersion: version,
      accessKeyId: 'fault' in parsed ? null : parsed.accessKeyId,
      sts,
      expiresAt: null,
    };
  }
  const expires = param(query, 'Expires');
  if (param(query, 'OSSAccessKeyId') !== undefined || param(query, 'Signature') !== undefined || expires !== undefined) {
    const expiresAt = expires !== undefined && /^\d{1,15}$/.test(expires) ? Number(expires) * 1000 : null;
    return { auth: 'v1-query', signatureVersion: 'v1', accessKeyId: param(query, 'OSSAccessKeyId') || null, sts, expiresAt };
  }
  const credential = param(query, 'x-oss-credential');
  if (credential !== undefined || param(query, 'x-oss-signature') !== undefined || param(query, 'x-oss-signature-version') !== undefined) {
    const parsed = credential === undefined ? undefined : parseV4Credential(credential);
    const signedAt = parseIsoBasicDate(param(query, 'x-oss-date') ?? '');
    const seconds = param(query, 'x-oss-expires') ?? '';
    const expiresAt = signedAt !== undefined && /^\d{1,7}$/.test(seconds) ? signedAt + Number(seconds) * 1000 : null;
    const accessKeyId = parsed === undefined || 'fault' in parsed ? null : parsed.accessKeyId;
    return { auth: 'v4-query', signatureVersion: 'v4', accessKeyId, sts, expiresAt };
  }
  return { auth: 'anonymous', signatureVersion: null, accessKeyId: null, sts, expiresAt: null };
}

/** The authentication of an STS call: ACS3 (Authorization header) or RPC (AccessKeyId parameter). */
export function stsAuthOf(query: readonly QueryParam[], headers: HeaderList): AuthSummary {
  const authorization = header(headers, 'authorization');
  if (authorization !== undefined) {
    const id = /Credential=([^,\s]+)/.exec(authorization)?.[1] ?? null;
    return { auth: 'sts-acs3', signatureVersion: null, accessKeyId: id, sts: header(headers, 'x-acs-security-token') !== undefined, expiresAt: null };
  }
  return {
    auth: 'sts-rpc',
    signatureVersion: null,
    accessKeyId: param(query, 'AccessKeyId') || null,
    sts: param(query, 'SecurityToken') !== undefined,
    expiresAt: null,
  };
}

/**
 * What the emulator saw of a finished request beyond its record: enough to
 * diagnose a refusal again (the request target, its headers, the instant,
 * the error answered). It holds signatures and security tokens whole, so it
 * stays in the server's memory: it serialises to nothing, and whoever shows
 * anything of it shortens those first.
 */
export class RequestEvidence {
  readonly #scheme: 'http' | 'https';
  readonly #target: string;
  readonly #headers: HeaderList;
  readonly #nowMs: number;
  readonly #error: OssServiceError | undefined;

  constructor(scheme: 'http' | 'https', target: string, headers: HeaderList, nowMs: number, error: OssServiceError | undefined) {
    this.#scheme = scheme;
    this.#target = target;
    this.#headers = headers;
    this.#nowMs = nowMs;
    this.#error = error;
  }

  get scheme(): 'http' | 'https' {
    return this.#scheme;
  }

  /** The request target as sent (`/bucket/key?query`). */
  get target(): string {
    return this.#target;
  }

  get headers(): HeaderList {
    return this.#headers;
  }

  /** The instant the emulator judged the request at, epoch ms. */
  get nowMs(): number {
    return this.#nowMs;
  }

  /** The OSS error answered, when there was one. */
  get error(): OssServiceError | undefined {
    return this.#error;
  }

  toJSON(): undefined {
    return undefined;
  }
}

/** Called once per finished request, OSS or STS, with its record and the evidence behind it. */
export interface RequestObserver {
  requestFinished(record: RequestRecord, evidence: RequestEvidence): void;
}

/** A record as JSON: instants as ISO 8601 UTC. The one shape of the console's API, its event stream and the access log. */
export interface RequestRecordJson extends Omit<RequestRecord, 'at' | 'expiresAt'> {
  readonly time: string;
  readonly expiresAt: string | null;
}

export function requestRecordJson(r: RequestRecord): RequestRecordJson {
  return {
    time: new Date(r.at).toISOString(),
    requestId: r.requestId,
    service: r.service,
    method: r.method,
    bucket: r.bucket,
    key: r.key,
    auth: r.auth,
    signatureVersion: r.signatureVersion,
    accessKeyId: r.accessKeyId,
    sts: r.sts,
    expiresAt: r.expiresAt === null ? null : new Date(r.expiresAt).toISOString(),
    status: r.status,
    code: r.code,
    verdict: r.verdict,
    bytesIn: r.bytesIn,
    bytesOut: r.bytesOut,
    latencyMs: r.latencyMs,
    userAgent: r.userAgent,
  };
}
