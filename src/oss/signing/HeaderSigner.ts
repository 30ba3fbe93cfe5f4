import type { Credentials } from '../Credentials.js';
import type { QueryParam } from './QueryParam.js';
import {
  ALGORITHM_V4,
  UNSIGNED_PAYLOAD,
  canonicalRequest,
  credentialScope,
  deriveSigningKey,
  effectiveAdditionalHeaders,
  formatIsoDateTime,
  signatureV4,
  stringToSignV4,
} from './SignatureV4.js';
import type { HeaderList } from './SignatureV4.js';
import { canonicalizedResource, signatureV1, stringToSignV1 } from './SignatureV1.js';

/** A request to sign in header form (an Authorization header). */
export interface HeaderSignRequest {
  readonly method: string;
  readonly bucket?: string | undefined;
  readonly key?: string | undefined;
  /** Decoded query parameters. */
  readonly query?: readonly QueryParam[] | undefined;
  readonly headers?: HeaderList | undefined;
}

export interface HeaderSignResult {
  /** The request's headers with Date, x-oss-date, tokens and Authorization set. */
  readonly headers: [string, string][];
  readonly authorization: string;
  readonly canonicalRequest: string | undefined;
  readonly stringToSign: string;
}

/** RFC 1123 date, `Wed, 28 Dec 2022 10:27:41 GMT`. */
export function formatHttpDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toUTCString();
}

function setHeader(headers: [string, string][], name: string, value: string): void {
  const lower = name.toLowerCase();
  for (let i = headers.length - 1; i >= 0; i--) if (headers[i]![0].toLowerCase() === lower) headers.splice(i, 1);
  headers.push([name, value]);
}

/**
 * Signs a request with OSS signature V4 in header form: sets x-oss-date, Date,
 * x-oss-content-sha256 (UNSIGNED-PAYLOAD unless given) and, with an STS token,
 * x-oss-security-token, then computes Authorization.
 */
export function signHeaderV4(
  request: HeaderSignRequest,
  options: {
    credentials: Credentials;
    signTime: number;
    region: string;
    product?: string | undefined;
    additionalHeaders?: readonly string[] | undefined;
  },
): HeaderSignResult {
  const product = options.product ?? 'oss';
  const headers: [string, string][] = (request.headers ?? []).map(([n, v]) => [n, v]);
  const datetime = formatIsoDateTime(options.signTime);
  const date = datetime.slice(0, 8);
  setHeader(headers, 'x-oss-date', datetime);
  setHeader(headers, 'Date', formatHttpDate(options.signTime));
  if (!headers.some(([n]) => n.toLowerCase() === 'x-oss-content-sha256')) headers.push(['x-oss-content-sha256', UNSIGNED_PAYLOAD]);
  if (options.credentials.securityToken !== undefined) setHeader(headers, 'x-oss-security-token', options.credentials.securityToken);
  const additional = effectiveAdditionalHeaders(headers, options.additionalHeaders);
  const canonical = canonicalRequest({
    method: request.method,
    bucket: request.bucket,
    key: request.key,
    query: request.query ?? [],
    headers,
    additionalHeaders: additional,
  });
  const scope = credentialScope(date, options.region, product);
  const stringToSign = stringToSignV4(datetime, scope, canonical);
  const signature = signatureV4(deriveSigningKey(options.credentials.revealSecret(), date, options.region, product), stringToSign);
  const authorization =
    `${ALGORITHM_V4} Credential=${options.credentials.accessKeyId}/${scope},` +
    (additional.length > 0 ? `AdditionalHeaders=${additional.join(';')},` : '') +
    `Signature=${signature}`;
  headers.push(['Authorization', authorization]);
  return { headers, authorization, canonicalRequest: canonical, stringToSign };
}

/**
 * Signs a request with OSS signature V1 in header form: sets Date (and, with
 * an STS token, x-oss-security-token), then computes `OSS <id>:<signature>`.
 */
export function signHeaderV1(
  request: HeaderSignRequest,
  options: { credentials: Credentials; signTime: number; extraSubResources?: readonly string[] | undefined },
): HeaderSignResult {
  const headers: [string, string][] = (request.headers ?? []).map(([n, v]) => [n, v]);
  const date = formatHttpDate(options.signTime);
  setHeader(headers, 'Date', date);
  if (options.credentials.securityToken !== undefined) setHeader(headers, 'x-oss-security-token', options.credentials.securityToken);
  const resource = canonicalizedResource(request.bucket, request.key, request.query ?? [], options.extraSubResources);
  const stringToSign = stringToSignV1(request.method, headers, date, resource);
  const authorization = `OSS ${options.credentials.accessKeyId}:${signatureV1(options.credentials.revealSecret(), stringToSign)}`;
  headers.push(['Authorization', authorization]);
  return { headers, authorization, canonicalRequest: undefined, stringToSign };
}
