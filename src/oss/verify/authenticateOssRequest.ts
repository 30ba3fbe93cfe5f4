import { timingSafeEqual } from 'node:crypto';
import type { QueryParam } from '../signing/QueryParam.js';
import { requestSignatureV1, requestSignatureV4 } from '../signing/requestSignature.js';
import { ALGORITHM_V4, deriveSigningKey } from '../signing/SignatureV4.js';
import type { HeaderList } from '../signing/SignatureV4.js';
import { OssServiceError } from './OssServiceError.js';
import { parseAuthorization, parseV4Credential } from './parseAuthorization.js';
import type { V4Scope } from './parseAuthorization.js';
import { parseHttpDate, parseIsoBasicDate } from './parseHttpDate.js';
import { queryValue as param } from '../signing/QueryParam.js';
import { headerValue as header } from '../signing/headerValue.js';

/** What a signature covers of the resource: the bucket and the key, if any. */
export interface SigningTarget {
  readonly bucket?: string | undefined;
  readonly key?: string | undefined;
}

export interface AuthInput {
  readonly method: string;
  /**
   * The readings of the request's bucket and key, most likely first. There is
   * more than one only when Host and path disagree (ali-oss with an IP
   * endpoint and `sldEnable` names the bucket in both); the signature, which
   * covers bucket and key, tells which one the client meant.
   */
  readonly targets: readonly SigningTarget[];
  /** Decoded query parameters in request order. */
  readonly query: readonly QueryParam[];
  /** Request headers as sent (repeated names kept). */
  readonly headers: HeaderList;
  readonly nowMs: number;
}

export type AuthForm = 'v1-header' | 'v1-query' | 'v4-header' | 'v4-query';

export interface Principal {
  readonly accessKeyId: string;
  readonly form: AuthForm;
  readonly target: SigningTarget;
  /** The x-oss-content-sha256 a V4 header signature vouches for, when it is a real hash. */
  readonly payloadSha256: string | undefined;
}

/** The secret that signs for an AccessKeyId (with its STS token, if any), or why there is none. */
export type SecretLookup = (accessKeyId: string, securityToken: string | undefined, nowMs: number) => string | OssServiceError;

/** How far a header-signed request's date may be from the server clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;
/** The longest a V4 presigned URL may live. */
export const MAX_V4_EXPIRES = 604800;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Any of these in the query makes a request V1 query-signed (a presigned URL). */
export const V1_QUERY = ['OSSAccessKeyId', 'Signature', 'Expires'] as const;
/** Any of these in the query makes a request V4 query-signed. */
export const V4_QUERY = ['x-oss-signature-version', 'x-oss-credential', 'x-oss-signature'] as const;
/** Query parameters that carry authentication: each may appear once. */
const AUTH_PARAMS = new Set<string>([
  ...V1_QUERY,
  'security-token',
  ...V4_QUERY,
  'x-oss-date',
  'x-oss-expires',
  'x-oss-additional-headers',
  'x-oss-security-token',
]);
/** Headers that carry authentication (lower case): each may appear once. */
const AUTH_HEADERS = new Set(['authorization', 'x-oss-date', 'date', 'x-oss-security-token', 'x-oss-content-sha256']);

/** The first of `names` (as `key` reads them) that is in `counted` and given twice, spelled as first given. */
function firstRepeat(names: readonly string[], counted: ReadonlySet<string>, key: (name: string) => string): string | undefined {
  const seen = new Map<string, string>();
  for (const name of names) {
    const k = key(name);
    if (!counted.has(k)) continue;
    const first = seen.get(k);
    if (first !== undefined) return first;
    seen.set(k, name);
  }
  return undefined;
}

/** The first authentication parameter or header given more than once, if any. */
function repeatedAuthPart(input: AuthInput): string | undefined {
  const param = firstRepeat(input.query.map(([n]) => n), AUTH_PARAMS, (n) => n);
  if (param !== undefined) return param;
  const header = firstRepeat(input.headers.map(([n]) => n), AUTH_HEADERS, (n) => n.toLowerCase());
  return header === undefined ? undefined : `the ${header} header`;
}

/**
 * Checks an OSS request's signature the way OSS does, in header or query form,
 * V1 or V4: the request's own parts (method, bucket, key, query, headers as
 * sent) are canonicalised with the project's signing steps, signed with the
 * secret the lookup gives for the AccessKeyId, and compared. Expiry comes
 * before the signature (as OSS checks it), the 15-minute skew rule applies to
 * header signatures only. An authentication parameter or header given twice
 * is refused before anything else, so no reading of which copy counts arises.
 */
export function authenticateOssRequest(input: AuthInput, lookup: SecretLookup): Principal | OssServiceError {
  const repeated = repeatedAuthPart(input);
  if (repeated !== undefined) return OssServiceError.repeatedAuthParameter(repeated);
  const authorization = header(input.headers, 'authorization');
  const v1Query = V1_QUERY.some((n) => param(input.query, n) !== undefined);
  const v4Query = V4_QUERY.some((n) => param(input.query, n) !== undefined);
  if ((authorization !== undefined ? 1 : 0) + (v1Query ? 1 : 0) + (v4Query ? 1 : 0) > 1) return OssServiceError.twoAuthMethods();
  if (authorization !== undefined) return headerForm(input, authorization, lookup);
  if (v1Query) return v1QueryForm(input, lookup);
  if (v4Query) return v4QueryForm(input, lookup);
  return OssServiceError.anonymous();
}

function checkSkew(requestMs: number, nowMs: number): OssServiceError | undefined {
  return Math.abs(nowMs - requestMs) > MAX_SKEW_MS ? OssServiceError.timeTooSkewed(requestMs, nowMs) : undefined;
}

function headerForm(input: AuthInput, authorization: string, lookup: SecretLookup): Principal | OssServiceError {
  const parsed = parseAuthorization(authorization);
  if ('fault' in parsed) return OssServiceError.malformedAuthorization(parsed.fault);
  const token = header(input.headers, 'x-oss-security-token');
  if (parsed.version === 'v1') {
    const date = header(input.headers, 'x-oss-date') ?? header(input.headers, 'date');
    const dateMs = date === undefined ? undefined : parseHttpDate(date);
    if (date === undefined || dateMs === undefined) return OssServiceError.invalidDate();
    const skew = checkSkew(dateMs, input.nowMs);
    if (skew) return skew;
    const secret = lookup(parsed.accessKeyId, token, input.nowMs);
    if (secret instanceof OssServiceError) return secret;
    return verifyV1(input, parsed.accessKeyId, parsed.signature, date, secret, 'v1-header');
  }
  const datetime = header(input.headers, 'x-oss-date');
  const dateMs = datetime === undefined ? undefined : parseIsoBasicDate(datetime);
  if (datetime === undefined || dateMs === undefined) return OssServiceError.invalidDate();
  if (datetime.trim().slice(0, 8) !== parsed.scope.date) {
    return OssServiceError.malformedAuthorization(`the credential date ${parsed.scope.date} is not the date of x-oss-date ${datetime}`);
  }
  const skew = checkSkew(dateMs, input.nowMs);
  if (skew) return skew;
  const secret = lookup(parsed.accessKeyId, token, input.nowMs);
  if (secret instanceof OssServiceError) return secret;
  const payload = header(input.headers, 'x-oss-content-sha256')?.trim();
  return verifyV4(input, {
    accessKeyId: parsed.accessKeyId,
    scope: parsed.scope,
    datetime: datetime.trim(),
    additional: parsed.additionalHeaders,
    signature: parsed.signature,
    query: input.query,
    secret,
    form: 'v4-header',
    payloadSha256: payload !== undefined && /^[0-9a-f]{64}$/.test(payload) ? payload : undefined,
  });
}

function v1QueryForm(input: AuthInput, lookup: SecretLookup): Principal | OssServiceError {
  const accessKeyId = param(input.query, 'OSSAccessKeyId');
  const signature = param(input.query, 'Signature');
  const expires = param(input.query, 'Expires');
  if (!accessKeyId || !signature || !expires) return OssServiceError.queryAuthIncomplete();
  if (!/^\d{1,15}$/.test(expires)) return OssServiceError.invalidExpires(expires);
  const expiresMs = Number(expires) * 1000;
  if (input.nowMs > expiresMs) return OssServiceError.requestExpired(expiresMs, input.nowMs);
  const token = param(input.query, 'security-token') ?? header(input.headers, 'x-oss-security-token');
  const secret = lookup(accessKeyId, token, input.nowMs);
  if (secret instanceof OssServiceError) return secret;
  return verifyV1(input, accessKeyId, signature, expires, secret, 'v1-query');
}

function v4QueryForm(input: AuthInput, lookup: SecretLookup): Principal | OssServiceError {
  const version = param(input.query, 'x-oss-signature-version');
  const credential = param(input.query, 'x-oss-credential');
  const datetime = param(input.query, 'x-oss-date');
  const expires = param(input.query, 'x-oss-expires');
  const signature = param(input.query, 'x-oss-signature');
  if (version !== ALGORITHM_V4) {
    return OssServiceError.invalidArgument('x-oss-signature-version', version ?? '', `x-oss-signature-version must be ${ALGORITHM_V4}.`);
  }
  if (!credential || !datetime || !expires || !signature) {
    return OssServiceError.invalidArgument(
      'x-oss-signature',
      '',
      'A V4 signed URL needs x-oss-credential, x-oss-date, x-oss-expires and x-oss-signature.',
    );
  }
  const parsed = parseV4Credential(credential);
  if ('fault' in parsed) return OssServiceError.invalidArgument('x-oss-credential', credential, `Invalid x-oss-credential: ${parsed.fault}.`);
  const dateMs = parseIsoBasicDate(datetime);
  if (dateMs === undefined) return OssServiceError.invalidDate();
  if (datetime.slice(0, 8) !== parsed.scope.date) {
    return OssServiceError.invalidArgument('x-oss-credential', credential, 'The credential date is not the date of x-oss-date.');
  }
  if (!/^\d{1,7}$/.test(expires) || Number(expires) < 1 || Number(expires) > MAX_V4_EXPIRES) return OssServiceError.invalidV4Expires(expires);
  const expiresMs = dateMs + Number(expires) * 1000;
  if (input.nowMs > expiresMs) return OssServiceError.requestExpired(expiresMs, input.nowMs);
  if (input.nowMs < dateMs - MAX_SKEW_MS) return OssServiceError.notYetValid(dateMs, input.nowMs);
  const token = param(input.query, 'x-oss-security-token') ?? header(input.headers, 'x-oss-security-token');
  const secret = lookup(parsed.accessKeyId, token, input.nowMs);
  if (secret instanceof OssServiceError) return secret;
  const additional = param(input.query, 'x-oss-additional-headers');
  return verifyV4(input, {
    accessKeyId: parsed.accessKeyId,
    scope: parsed.scope,
    datetime,
    additional: additional ? additional.split(';').map((h) => h.trim().toLowerCase()) : [],
    signature,
    query: input.query.filter(([name]) => name !== 'x-oss-signature'),
    secret,
    form: 'v4-query',
    payloadSha256: undefined,
  });
}

function verifyV1(
  input: AuthInput,
  accessKeyId: string,
  provided: string,
  date: string,
  secret: string,
  form: AuthForm,
): Principal | OssServiceError {
  let first: string | undefined;
  for (const target of input.targets) {
    const expected = requestSignatureV1({ method: input.method, ...target, query: input.query, headers: input.headers }, date, secret);
    first ??= expected.stringToSign;
    if (sameText(expected.signature, provided)) {
      return { accessKeyId, form, target, payloadSha256: undefined };
    }
  }
  return OssServiceError.signatureMismatchV1(accessKeyId, provided, first ?? '');
}

interface V4Check {
  readonly accessKeyId: string;
  readonly scope: V4Scope;
  readonly datetime: string;
  readonly additional: readonly string[];
  readonly signature: string;
  readonly query: readonly QueryParam[];
  readonly secret: string;
  readonly form: AuthForm;
  readonly payloadSha256: string | undefined;
}

function verifyV4(input: AuthInput, check: V4Check): Principal | OssServiceError {
  const { scope } = check;
  const key = deriveSigningKey(check.secret, scope.date, scope.region, scope.product);
  let first: { canonical: string; stringToSign: string } | undefined;
  for (const target of input.targets) {
    const expected = requestSignatureV4(
      { method: input.method, ...target, query: check.query, headers: input.headers },
      { datetime: check.datetime, scope, additionalHeaders: check.additional },
      key,
    );
    first ??= { canonical: expected.canonicalRequest ?? '', stringToSign: expected.stringToSign };
    if (sameText(expected.signature, check.signature)) {
      return { accessKeyId: check.accessKeyId, form: check.form, target, payloadSha256: check.payloadSha256 };
    }
  }
  return OssServiceError.signatureMismatchV4(check.accessKeyId, check.signature, first?.canonical ?? '', first?.stringToSign ?? '');
}
