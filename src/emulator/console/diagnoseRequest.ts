import { Credentials } from '../../oss/Credentials.js';
import { decodePresignedUrl } from '../../oss/explain/decodePresignedUrl.js';
import { explainPresignedUrl } from '../../oss/explain/explainPresignedUrl.js';
import type { UrlCheck } from '../../oss/explain/explainPresignedUrl.js';
import { formatInstant } from '../../oss/explain/formatDuration.js';
import { PresignedUrlError } from '../../oss/explain/PresignedUrlError.js';
import type { HeaderList } from '../../oss/signing/SignatureV4.js';
import type { SecretLookup } from '../../oss/verify/authenticateOssRequest.js';
import { MAX_SKEW_MS } from '../../oss/verify/authenticateOssRequest.js';
import type { OssServiceError } from '../../oss/verify/OssServiceError.js';
import { parseHttpDate, parseIsoBasicDate } from '../../oss/verify/parseHttpDate.js';
import type { RequestEvidence, RequestRecord } from '../RequestRecord.js';
import { redactRequestSecrets, shortSignature, tokensOf } from './describeRequest.js';
import { refusalCause } from './refusalCauses.js';
import { headerValue as header } from '../../oss/signing/headerValue.js';

/** The account the console judges requests with: the emulator's own, and its lookup for temporary keys. */
export interface ConsoleAccount {
  readonly accessKeyId: string;
  readonly credentials: Credentials;
  readonly lookup: SecretLookup;
}

export interface ShownText {
  readonly canonicalRequest: string | null;
  readonly stringToSign: string;
}

/** Why a refused request was refused, as the console's detail view shows it. Nothing secret in it. */
export interface Diagnosis {
  /** `explain-url`: the presigned URL was judged by the explain code; `oss-answer`: read from the error answered. */
  readonly source: 'explain-url' | 'oss-answer';
  /** The likely cause, in a sentence. */
  readonly cause: string;
  readonly checks: readonly UrlCheck[];
  readonly expiry: { readonly signedAt: string | null; readonly expiresAt: string; readonly lifetimeSeconds: number | null; readonly secondsLeft: number } | null;
  /** The request's own time against the server's: positive when the request is ahead. */
  readonly clock: { readonly requestTime: string; readonly serverTime: string; readonly aheadSeconds: number; readonly allowedSeconds: number } | null;
  /** What the emulator computes from the request as it arrived. */
  readonly expected: ShownText | null;
  /** What the signer signed, when a common change explains the mismatch. */
  readonly signed: ShownText | null;
}

/** The error answered, its details with signatures shortened and security tokens cut out. */
export interface ShownAnswer {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly ec: string;
  readonly details: readonly (readonly [string, string])[];
}

/** Details shown in the comparison instead (long, and repeated there). */
const COMPARED_DETAILS = new Set(['CanonicalRequest', 'StringToSign', 'StringToSignBytes']);

export function shownAnswer(error: OssServiceError, tokens: readonly string[]): ShownAnswer {
  const details = error.details
    .filter(([name]) => !COMPARED_DETAILS.has(name))
    .map(([name, value]): readonly [string, string] => [name, name === 'SignatureProvided' ? shortSignature(value) : redactRequestSecrets(value, tokens)]);
  return { status: error.status, code: error.code, message: redactRequestSecrets(error.message, tokens), ec: error.ec, details };
}

function clockOf(requestMs: number | undefined, nowMs: number): Diagnosis['clock'] {
  if (requestMs === undefined) return null;
  return {
    requestTime: formatInstant(requestMs),
    serverTime: formatInstant(nowMs),
    aheadSeconds: Math.round((requestMs - nowMs) / 1000),
    allowedSeconds: MAX_SKEW_MS / 1000,
  };
}

/** The headers a presigned URL's signature can cover: the rest (User-Agent, Accept ...) would only clutter the findings. */
function signableHeaders(headers: HeaderList, additional: readonly string[]): HeaderList {
  return headers.filter(([name]) => {
    const lower = name.toLowerCase();
    return lower === 'content-type' || lower === 'content-md5' || lower.startsWith('x-oss-') || (additional.includes(lower) && lower !== 'host');
  });
}

/** A query-signed request judged by the explain code, as `ossduck explain-url` would judge its URL. */
function explainQuerySigned(record: RequestRecord, evidence: RequestEvidence, account: ConsoleAccount): Diagnosis | undefined {
  const host = header(evidence.headers, 'host');
  if (host === undefined) return undefined;
  const text = `${evidence.scheme}://${host}${evidence.target}`;
  let url;
  try {
    url = decodePresignedUrl(text, {});
  } catch (error) {
    if (error instanceof PresignedUrlError) return undefined;
    throw error;
  }
  let credentials = account.credentials;
  if (url.accessKeyId !== undefined && url.accessKeyId !== account.accessKeyId && url.securityToken !== undefined) {
    const secret = account.lookup(url.accessKeyId, url.securityToken, evidence.nowMs);
    if (typeof secret === 'string') credentials = new Credentials({ accessKeyId: url.accessKeyId, accessKeySecret: secret, securityToken: url.securityToken });
  }
  const e = explainPresignedUrl(text, {
    nowMs: evidence.nowMs,
    method: record.method,
    headers: signableHeaders(evidence.headers, url.additionalHeaders),
    credentials,
    credentialsOwner: 'ossduck serve',
  });
  const expiry =
    e.url.expiresAt === null || e.url.secondsLeft === null
      ? null
      : { signedAt: e.url.signedAt, expiresAt: e.url.expiresAt, lifetimeSeconds: e.url.expiresInSeconds, secondsLeft: e.url.secondsLeft };
  // The emulator takes a signature scoped to any region, so a region the host contradicts is not why it refused;
  // and when the explain code finds nothing wrong, the error answered says why.
  const failures = e.checks.filter((c) => c.status === 'fail');
  const relevant = failures.filter((c) => c.name !== 'region');
  let cause = e.reason;
  if (relevant.length === 0) cause = refusalCause(record, evidence.error, { accountKeyId: account.accessKeyId, clock: null });
  else if (relevant[0] !== failures[0]) cause = relevant[0]!.detail;
  return {
    source: 'explain-url',
    cause,
    checks: e.checks,
    expiry,
    clock: url.signedAt === undefined ? null : clockOf(url.signedAt, evidence.nowMs),
    expected: e.expected,
    signed: e.signed,
  };
}

/** A header-signed (or unsigned) request, diagnosed from the error the emulator answered. */
function fromAnswer(record: RequestRecord, evidence: RequestEvidence, account: ConsoleAccount): Diagnosis {
  const error = evidence.error;
  const tokens = tokensOf(evidence);
  const detail = (name: string): string | undefined => error?.details.find(([n]) => n === name)?.[1];
  const canonical = detail('CanonicalRequest');
  const stringToSign = detail('StringToSign');
  const date = header(evidence.headers, 'x-oss-date') ?? header(evidence.headers, 'date');
  const requestMs = date === undefined ? undefined : (parseIsoBasicDate(date.trim()) ?? parseHttpDate(date));
  const clock = record.auth === 'v1-header' || record.auth === 'v4-header' ? clockOf(requestMs, evidence.nowMs) : null;
  return {
    source: 'oss-answer',
    cause: refusalCause(record, error, { accountKeyId: account.accessKeyId, clock }),
    checks: [],
    expiry: null,
    clock,
    expected: stringToSign === undefined ? null : { canonicalRequest: canonical === undefined ? null : redactRequestSecrets(canonical, tokens), stringToSign: redactRequestSecrets(stringToSign, tokens) },
    signed: null,
  };
}

/**
 * Why the emulator refused a request: a presigned URL (query signature) is
 * judged again by the explain code at the instant it arrived, which names the
 * likely cause and, on a signature mismatch, finds what the signer signed;
 * any other request is read from the error answered. Undefined for requests
 * that were not refused.
 */
export function diagnoseRequest(record: RequestRecord, evidence: RequestEvidence, account: ConsoleAccount): Diagnosis | undefined {
  if (record.verdict !== 'refused' || record.service !== 'oss') return undefined;
  const explained = record.auth === 'v1-query' || record.auth === 'v4-query' ? explainQuerySigned(record, evidence, account) : undefined;
  return explained ?? fromAnswer(record, evidence, account);
}

