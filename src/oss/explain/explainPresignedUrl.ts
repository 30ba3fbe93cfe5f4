import { toCredentials } from '../Credentials.js';
import type { AccessKeyPair, Credentials } from '../Credentials.js';
import { authenticateOssRequest, MAX_SKEW_MS, MAX_V4_EXPIRES } from '../verify/authenticateOssRequest.js';
import type { SecretLookup } from '../verify/authenticateOssRequest.js';
import { OssServiceError } from '../verify/OssServiceError.js';
import { grantProblem, readTokenClaims } from '../verify/TemporaryToken.js';
import { percentEncode } from '../signing/percentEncode.js';
import type { HeaderList } from '../signing/SignatureV4.js';
import type { UrlStyle } from '../signing/UrlAddress.js';
import { decodePresignedUrl, PLUS_SENSITIVE } from './decodePresignedUrl.js';
import type { PresignedUrl, UrlParameter } from './decodePresignedUrl.js';
import { findSignedReading, ReadingSigner } from './diagnoseSignature.js';
import type { Reading, SignatureComparison } from './diagnoseSignature.js';
import { bucketAdvice, headerAdvice } from './ExplainCaller.js';
import type { ExplainCaller } from './ExplainCaller.js';
import { formatDuration, formatInstant } from './formatDuration.js';

export interface ExplainOptions {
  /** The instant to judge the URL at, epoch ms. */
  readonly nowMs: number;
  /** The HTTP method the client will use (GET). */
  readonly method?: string | undefined;
  /** The headers the client will send (the URL's host is added as Host). */
  readonly headers?: HeaderList | undefined;
  /** The bucket of a custom-domain URL, which names none. */
  readonly bucket?: string | undefined;
  /**
   * The account to verify with, a Credentials or a plain
   * `{ accessKeyId, accessKeySecret, securityToken? }`; without it the
   * signature is not checked.
   */
  readonly credentials?: Credentials | AccessKeyPair | undefined;
  /** Why there are no credentials, for the report (how to provide them). */
  readonly noCredentials?: string | undefined;
  /**
   * Temporary credentials held besides `credentials` (a session's STS
   * credentials for RoleARN tables): one whose AccessKeyId is the URL's is
   * used instead.
   */
  readonly otherCredentials?: readonly (Credentials | AccessKeyPair)[] | undefined;
  /** Whose credentials these are, for the report: `the environment` by default. */
  readonly credentialsOwner?: string | undefined;
  /**
   * Set when `credentials` are a local emulator's own account rather than
   * credentials the user gave, naming it (`the embedded local OSS`): a URL of
   * another AccessKeyId is then unverified, not refused, since that account
   * says nothing about the keys of real OSS.
   */
  readonly localAccount?: string | undefined;
  /**
   * Who asks, so advice is worded for it: `command` (ossduck explain-url's
   * options, the default) or `sql` (OSSDUCK_EXPLAIN_URL's arguments).
   */
  readonly caller?: ExplainCaller | undefined;
}

/** `accepted`: OSS would take it; `refused`: it would not; `unverified`: nothing wrong found, but the signature was not checked. */
export type Verdict = 'accepted' | 'refused' | 'unverified';
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skipped';
export type CheckName =
  | 'parameters'
  | 'plus-sign'
  | 'expires-range'
  | 'expiry'
  | 'clock-skew'
  | 'region'
  | 'access-key'
  | 'security-token'
  | 'signature';

export interface UrlCheck {
  readonly name: CheckName;
  readonly status: CheckStatus;
  readonly detail: string;
}

/** A security token as reports show it: never whole. */
export interface TokenSummary {
  /** Its first characters. */
  readonly prefix: string;
  readonly length: number;
  /** What an ossduck emulator token says about itself (unverified); null for other tokens. */
  readonly claimedAccessKeyId: string | null;
  readonly claimedExpiresAt: string | null;
}

/** The decoded URL, as reports show it (instants as ISO 8601 UTC). */
export interface UrlSummary {
  readonly version: 'v1' | 'v4';
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly style: UrlStyle;
  readonly bucket: string | null;
  readonly bucketFrom: 'host' | 'path' | 'option' | null;
  readonly key: string | null;
  readonly region: string | null;
  readonly product: string | null;
  readonly regionFrom: 'x-oss-credential' | 'host' | null;
  readonly accessKeyId: string | null;
  readonly signedAt: string | null;
  readonly expiresAt: string | null;
  /** V4 x-oss-expires. */
  readonly expiresInSeconds: number | null;
  /** From the judging instant to expiry; negative once expired. */
  readonly secondsLeft: number | null;
  readonly securityToken: TokenSummary | null;
  readonly signature: string | null;
  /** V4 x-oss-additional-headers. */
  readonly additionalHeaders: readonly string[];
  /** The headers the signature covers, as the client sends them (`x-oss-*`: every such header). */
  readonly signedHeaders: readonly string[];
  readonly parameters: readonly UrlParameter[];
}

export interface UrlExplanation {
  readonly verdict: Verdict;
  /** Why, in one or two sentences: the first failed check, or what could not be checked. */
  readonly reason: string;
  /**
   * What `ossduck serve` with the same account answers (HTTP status, OSS
   * error code and message), null when it would serve the request or when
   * ossduck cannot tell (no credentials, another key's signature).
   */
  readonly oss: { readonly status: number; readonly code: string; readonly message: string } | null;
  /** The instant judged at. */
  readonly at: string;
  readonly request: { readonly method: string; readonly headers: readonly (readonly [string, string])[] };
  readonly url: UrlSummary;
  readonly checks: readonly UrlCheck[];
  /** On a signature mismatch: what ossduck signs for the request as given (the token shortened). */
  readonly expected: { readonly canonicalRequest: string | null; readonly stringToSign: string } | null;
  /**
   * On a signature mismatch that a common change explains (another method,
   * headers, an added parameter ...): what the signer signed, the reading
   * whose signature matches (the token shortened), to set beside `expected`.
   */
  readonly signed: { readonly canonicalRequest: string | null; readonly stringToSign: string } | null;
}

/** The first characters and the length of a token; never the token. */
export function summarizeToken(token: string): TokenSummary {
  const claims = readTokenClaims(token);
  return {
    prefix: token.slice(0, Math.min(8, Math.floor(token.length / 4))),
    length: token.length,
    claimedAccessKeyId: claims?.accessKeyId ?? null,
    claimedExpiresAt: claims ? formatInstant(claims.expiresAtMs) : null,
  };
}

/** `CAISeyJh… (412 characters)`. */
export function describeToken(summary: TokenSummary): string {
  return `${summary.prefix}… (${summary.length} characters)`;
}

/** `text` with each occurrence of `token` (as is or percent-encoded) replaced by its description. */
export function redactToken(text: string, token: string | undefined): string {
  if (token === undefined || token === '') return text;
  const shown = `<security token ${describeToken(summarizeToken(token))}>`;
  return text.split(percentEncode(token)).join(shown).split(token).join(shown);
}

function relative(deltaSeconds: number): string {
  return deltaSeconds >= 0 ? `in ${formatDuration(deltaSeconds)}` : `${formatDuration(deltaSeconds)} ago`;
}

const SENSITIVE_HEADERS = new Set(['authorization', 'x-oss-security-token']);
/** Stands for "the lookup was reached, but ossduck holds no secret to check with". */
const UNCHECKED = new OssServiceError(0, 'ossduck.Unchecked', 'the signature was not checked', '');

interface Context {
  readonly url: PresignedUrl;
  readonly options: ExplainOptions;
  readonly method: string;
  readonly headers: HeaderList;
  readonly nowMs: number;
  readonly credentials: Credentials | undefined;
  /** `the environment's`. */
  readonly owner: string;
  readonly caller: ExplainCaller;
  /** Why there are no credentials to verify with, when there are none. */
  readonly noCredentials: string | undefined;
}

function check(name: CheckName, status: CheckStatus, detail: string): UrlCheck {
  return { name, status, detail };
}

function parametersCheck({ url }: Context): UrlCheck {
  if (url.faults.length > 0) return check('parameters', 'fail', `${url.faults.join('; ')}: OSS refuses the URL`);
  const names = url.version === 'v4' ? 'x-oss-signature-version, x-oss-credential, x-oss-date, x-oss-expires, x-oss-signature' : 'OSSAccessKeyId, Expires, Signature';
  return check('parameters', 'ok', `${names} are present and well formed`);
}

function plusCheck({ url }: Context): UrlCheck {
  const fatal = url.rawPlus.filter((n) => PLUS_SENSITIVE.has(n));
  const other = url.rawPlus.filter((n) => !PLUS_SENSITIVE.has(n));
  if (fatal.length > 0) {
    return check(
      'plus-sign',
      'fail',
      `${fatal.join(' and ')} ${fatal.length > 1 ? 'hold' : 'holds'} a raw '+', which OSS reads as a space, so it sees another ` +
        `${fatal.some((n) => /signature/i.test(n)) ? 'signature' : 'value'}: write each '+' as %2B ` +
        '(something decoded the URL, or built it without encoding its parameters)',
    );
  }
  if (other.length > 0) {
    return check('plus-sign', 'warn', `${other.join(', ')} ${other.length > 1 ? 'hold' : 'holds'} a raw '+', which OSS reads as a space; if a plus sign is meant, write %2B`);
  }
  return check('plus-sign', 'ok', "no raw '+' in the query");
}

function expiresRangeCheck({ url }: Context): UrlCheck {
  if (url.expiresIn === undefined) return check('expires-range', 'skipped', 'x-oss-expires is unreadable');
  if (url.expiresIn < 1 || url.expiresIn > MAX_V4_EXPIRES) {
    return check('expires-range', 'fail', `x-oss-expires ${url.expiresIn} is outside 1 to ${MAX_V4_EXPIRES} seconds (7 days): OSS refuses it (InvalidArgument)`);
  }
  return check('expires-range', 'ok', `x-oss-expires ${url.expiresIn} s (${formatDuration(url.expiresIn)}) is within 1 s to 7 days`);
}

function expiryCheck({ url, nowMs }: Context): UrlCheck {
  if (url.expiresAt === undefined) return check('expiry', 'skipped', 'the expiry is unreadable');
  const left = Math.floor((url.expiresAt - nowMs) / 1000);
  if (nowMs > url.expiresAt) {
    return check('expiry', 'fail', `it expired ${formatDuration(Math.ceil((nowMs - url.expiresAt) / 1000))} ago, at ${formatInstant(url.expiresAt)} (OSS: AccessDenied, Request has expired)`);
  }
  return check('expiry', 'ok', `valid for another ${formatDuration(left)}, until ${formatInstant(url.expiresAt)}`);
}

function skewCheck({ url, nowMs }: Context): UrlCheck {
  if (url.signedAt === undefined) return check('clock-skew', 'skipped', 'x-oss-date is unreadable');
  const ahead = Math.floor((url.signedAt - nowMs) / 1000);
  if (url.signedAt - nowMs > MAX_SKEW_MS) {
    return check(
      'clock-skew',
      'fail',
      `x-oss-date ${formatInstant(url.signedAt)} is ${formatDuration(ahead)} in the future: OSS refuses a URL used more than 15 minutes before it was signed ` +
        '(AccessDenied); the signing clock runs ahead',
    );
  }
  if (ahead > 0) {
    return check('clock-skew', 'warn', `x-oss-date is ${formatDuration(ahead)} in the future, within the 15 minutes OSS tolerates: the signing clock runs ahead`);
  }
  return check('clock-skew', 'ok', `signed ${formatDuration(ahead)} ago, at ${formatInstant(url.signedAt)}`);
}

function regionCheck({ url }: Context): UrlCheck {
  if (!url.scope) return check('region', 'skipped', 'x-oss-credential is unreadable');
  const scoped = `${url.scope.region}/${url.scope.product}`;
  if (!url.hostScope) return check('region', 'skipped', `the host names no region; the signature is scoped to ${scoped}`);
  const hosted = `${url.hostScope.region}/${url.hostScope.product}`;
  if (scoped !== hosted) {
    return check(
      'region',
      'fail',
      `x-oss-credential is scoped to ${scoped}, but the host ${url.host} is the endpoint of ${hosted}: OSS refuses a signature scoped to ` +
        "another region or product (ossduck serve accepts any region); sign with the bucket's region",
    );
  }
  return check('region', 'ok', `x-oss-credential is scoped to ${scoped}, the host's region`);
}

interface KeyOutcome {
  readonly checks: UrlCheck[];
  /** What the emulator's lookup answers for it: a refusal, or undefined to go on. */
  readonly refusal: OssServiceError | undefined;
}

function credentialChecks({ url, credentials, nowMs, noCredentials, owner }: Context): KeyOutcome {
  const id = url.accessKeyId;
  const token = url.securityToken;
  const checks: UrlCheck[] = [];
  let refusal: OssServiceError | undefined;
  const refuse = (error: OssServiceError): void => void (refusal ??= error);
  // The AccessKeyId.
  if (id === undefined) checks.push(check('access-key', 'skipped', 'the URL names no AccessKeyId'));
  else if (!credentials) checks.push(check('access-key', 'skipped', `signed by AccessKeyId ${id}; ${noCredentials ?? 'no credentials to compare with'}`));
  else if (credentials.accessKeyId === id) checks.push(check('access-key', 'ok', `AccessKeyId ${id} is ${owner}`));
  else if (token !== undefined) {
    checks.push(
      check(
        'access-key',
        'skipped',
        `signed by temporary AccessKeyId ${id} (with a security token), ${owner} is ${credentials.accessKeyId}: ` +
          'the signature can be checked only with that temporary key, its secret and token in OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET and OSS_SESSION_TOKEN',
      ),
    );
  } else {
    checks.push(
      check(
        'access-key',
        'fail',
        `signed by AccessKeyId ${id}, but ${owner} is ${credentials.accessKeyId}: OSS refuses a key the account does not have (InvalidAccessKeyId); ` +
          "if it is another key of the same account, give ossduck that key's pair (OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET) to check the signature",
      ),
    );
    refuse(OssServiceError.invalidAccessKeyId(id));
  }
  // The security token.
  const temporary = id !== undefined && (id.startsWith('STS.') || (credentials?.accessKeyId === id && credentials.securityToken !== undefined));
  if (token === undefined) {
    if (temporary) {
      checks.push(check('security-token', 'fail', `AccessKeyId ${id} is temporary (STS), but the URL carries no security token: OSS refuses it (InvalidAccessKeyId)`));
      refuse(OssServiceError.invalidAccessKeyId(id!));
    } else {
      checks.push(check('security-token', 'ok', 'none: signed with a long-term AccessKey'));
    }
    return { checks, refusal };
  }
  const shown = describeToken(summarizeToken(token));
  const claims = readTokenClaims(token);
  if (claims) {
    const problem = id === undefined ? undefined : grantProblem(claims, id, nowMs);
    if (problem && claims.accessKeyId !== id) {
      checks.push(check('security-token', 'fail', `the security token ${shown} belongs to ${claims.accessKeyId}, not to the URL's AccessKeyId ${id} (OSS: ${problem.code})`));
    } else if (problem) {
      checks.push(
        check(
          'security-token',
          'fail',
          `the security token expired ${formatDuration((nowMs - claims.expiresAtMs) / 1000)} ago, at ${formatInstant(claims.expiresAtMs)} ` +
            '(the expiry written in the token): OSS answers SecurityTokenExpired; sign a new URL with fresh credentials',
        ),
      );
    } else if (url.expiresAt !== undefined && url.expiresAt > claims.expiresAtMs) {
      checks.push(
        check(
          'security-token',
          'warn',
          `the security token expires at ${formatInstant(claims.expiresAtMs)}, ${formatDuration((url.expiresAt - claims.expiresAtMs) / 1000)} before the URL: ` +
            'from then on OSS answers SecurityTokenExpired',
        ),
      );
    } else {
      checks.push(
        check(
          'security-token',
          'ok',
          `an ossduck emulator token ${shown}, valid until ${formatInstant(claims.expiresAtMs)} by its own claim (only the emulator that issued it can vouch for it)`,
        ),
      );
    }
    if (problem) refuse(problem);
    return { checks, refusal };
  }
  if (credentials && credentials.accessKeyId === id) {
    if (credentials.securityToken === token) {
      const expiration = credentials.expiration?.getTime();
      if (expiration !== undefined && nowMs >= expiration) {
        checks.push(check('security-token', 'fail', `the security token (${owner}) expired ${relative((expiration - nowMs) / 1000)} at ${formatInstant(expiration)}: OSS answers SecurityTokenExpired`));
        refuse(OssServiceError.securityTokenExpired());
      } else {
        checks.push(check('security-token', 'ok', `${owner} security token ${shown}; whether STS still honours it is checked by OSS`));
      }
    } else if (credentials.securityToken === undefined) {
      checks.push(
        check('security-token', 'fail', `the URL carries a security token ${shown}, but ${owner} AccessKeyId ${id} has none (a long-term key): OSS answers InvalidSecurityToken`),
      );
      refuse(OssServiceError.invalidSecurityToken());
    } else {
      checks.push(
        check(
          'security-token',
          'fail',
          `the URL's security token ${shown} is not ${owner} security token for ${id}: it was changed or belongs to other credentials (OSS: InvalidSecurityToken)`,
        ),
      );
      refuse(OssServiceError.invalidSecurityToken());
    }
    return { checks, refusal };
  }
  checks.push(check('security-token', 'skipped', `a security token ${shown}: an STS token cannot be checked offline; OSS checks it when the URL is used`));
  return { checks, refusal };
}

/** The part of the signature check that needs no secret: its form. */
function signatureFormProblem(url: PresignedUrl): string | undefined {
  const raw = url.signature;
  if (raw === undefined) return undefined;
  if (url.version === 'v4') {
    return /^[0-9a-f]{64}$/.test(raw) ? undefined : `x-oss-signature is not 64 lower-case hex digits (it has ${raw.length} characters): it was cut short or altered`;
  }
  const literal = url.rawPlus.includes('Signature') ? raw.replaceAll(' ', '+') : raw;
  return /^[A-Za-z0-9+/]{27}=$/.test(literal)
    ? undefined
    : `Signature is not the 28-character base64 of an HMAC-SHA1 (it has ${literal.length} characters): it was cut short or altered`;
}

function signedParts(url: PresignedUrl, reading: Reading): string {
  const headers = reading.headers.filter(([n]) => {
    const lower = n.toLowerCase();
    return lower === 'content-type' || lower === 'content-md5' || lower.startsWith('x-oss-') || url.additionalHeaders.includes(lower);
  });
  const headerText = headers.length === 0 ? 'no headers (none of Content-Type, Content-MD5, x-oss-* sent)' : `the headers ${headers.map(([n, v]) => `${n}: ${v}`).join(', ')}`;
  const parts = [`the method ${reading.method}`, `bucket ${url.bucket ?? '?'}`, `key ${url.key === undefined ? '(none)' : `'${url.key}'`}`, headerText];
  if (url.version === 'v4') {
    parts.push(`every query parameter but x-oss-signature (${url.query.filter(([n]) => n !== 'x-oss-signature').map(([n]) => n).join(', ')})`);
  } else {
    const subs = url.parameters.filter((p) => p.signed).map((p) => p.name);
    parts.push(`Expires${url.securityToken !== undefined ? ', security-token' : ''}${subs.length > 0 ? `, the sub-resources ${subs.join(', ')}` : ''}`);
  }
  return parts.join('; ');
}

interface SignatureOutcome {
  readonly check: UrlCheck;
  readonly expected: UrlExplanation['expected'];
  readonly signed?: UrlExplanation['signed'];
  /** Whether the lookup may hand the emulator the secret. */
  readonly checkable: boolean;
}

function signatureCheck(ctx: Context, reading: Reading): SignatureOutcome {
  const { url, credentials, noCredentials, owner, caller } = ctx;
  const skipped = (detail: string): SignatureOutcome => ({ check: check('signature', 'skipped', detail), expected: null, checkable: false });
  const form = signatureFormProblem(url);
  const formFailure = (comparison: SignatureComparison | undefined): SignatureOutcome => ({
    check: check('signature', 'fail', `${form}; OSS answers SignatureDoesNotMatch`),
    expected: comparison ? expectedOf(comparison, url) : null,
    checkable: comparison !== undefined,
  });
  if (url.signature === undefined) return skipped('there is no signature to check');
  if (url.bucket === undefined) {
    if (form) return formFailure(undefined);
    return skipped(
      url.style === 'cname'
        ? `${url.host} is a custom domain: the URL does not say which bucket it signs, so the signature cannot be checked; ${bucketAdvice(caller)}`
        : 'the URL names no bucket, so the signature cannot be checked',
    );
  }
  if (!credentials || url.accessKeyId !== credentials.accessKeyId) {
    if (form) return formFailure(undefined);
    if (!credentials) return skipped(`the signature is not checked: ${noCredentials ?? 'no credentials'}`);
    return skipped(`the signature is not checked: it is AccessKeyId ${url.accessKeyId ?? '?'}'s, and ossduck holds the secret of ${credentials.accessKeyId} only`);
  }
  const signer = new ReadingSigner(url, url.bucket, credentials.revealSecret());
  const comparison = signer.compare(reading);
  if (!comparison) return skipped('the signature cannot be computed: its parameters are unreadable');
  if (form) return formFailure(comparison);
  if (comparison.matches) {
    return {
      check: check('signature', 'ok', `matches: signed with ${owner} secret for exactly this request (${reading.method}, ${headerList(reading.headers)})`),
      expected: null,
      checkable: true,
    };
  }
  const match = findSignedReading(url, signer, reading, caller);
  const finding = match?.finding;
  const missing = url.additionalHeaders.filter((h) => !reading.headers.some(([n]) => n.toLowerCase() === h));
  const hint = missing.length > 0 ? ` x-oss-additional-headers names ${missing.join(', ')}, which the request does not send (${headerAdvice(caller)}).` : '';
  const detail = finding
    ? `the signature does not match the request as given (OSS: SignatureDoesNotMatch); ${finding}.${hint}`
    : `the signature does not match (OSS: SignatureDoesNotMatch): something it covers was changed after signing, or it was signed with another secret for ${url.accessKeyId}. ` +
      `It covers ${signedParts(url, reading)}.${hint}`;
  return {
    check: check('signature', 'fail', detail),
    expected: expectedOf(comparison, url),
    signed: match ? expectedOf({ expected: match.signed, provided: '', matches: true }, url) : null,
    checkable: true,
  };
}

function expectedOf(comparison: SignatureComparison, url: PresignedUrl): NonNullable<UrlExplanation['expected']> {
  return {
    canonicalRequest: comparison.expected.canonicalRequest === undefined ? null : redactToken(comparison.expected.canonicalRequest, url.securityToken),
    stringToSign: redactToken(comparison.expected.stringToSign, url.securityToken),
  };
}

function headerList(headers: HeaderList): string {
  const shown = headers.filter(([n]) => n.toLowerCase() !== 'host');
  return shown.length === 0 ? 'no headers' : shown.map(([n, v]) => `${n}: ${v}`).join(', ');
}

function summarize(url: PresignedUrl, nowMs: number): UrlSummary {
  const region = url.scope?.region ?? url.hostScope?.region ?? null;
  return {
    version: url.version,
    scheme: url.scheme,
    host: url.host,
    style: url.style,
    bucket: url.bucket ?? null,
    bucketFrom: url.bucketFrom ?? null,
    key: url.key ?? null,
    region,
    product: url.scope?.product ?? url.hostScope?.product ?? null,
    regionFrom: url.scope ? 'x-oss-credential' : url.hostScope ? 'host' : null,
    accessKeyId: url.accessKeyId ?? null,
    signedAt: url.signedAt === undefined ? null : formatInstant(url.signedAt),
    expiresAt: url.expiresAt === undefined ? null : formatInstant(url.expiresAt),
    expiresInSeconds: url.expiresIn ?? null,
    secondsLeft: url.expiresAt === undefined ? null : Math.floor((url.expiresAt - nowMs) / 1000),
    securityToken: url.securityToken === undefined ? null : summarizeToken(url.securityToken),
    signature: url.signature ?? null,
    additionalHeaders: url.additionalHeaders,
    signedHeaders: ['content-md5', 'content-type', 'x-oss-*', ...url.additionalHeaders],
    parameters: url.parameters,
  };
}

/** Why a URL of another AccessKeyId than a local emulator's account cannot be verified. */
function noCredentialsFor(accessKeyId: string, owner: string, localAccount: string): string {
  return (
    `no credentials for AccessKeyId ${accessKeyId} are available (${owner} only account is ${localAccount}'s own): ` +
    "set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET to that key's pair to check the signature"
  );
}

/**
 * Decodes a presigned OSS URL and judges it as OSS would at `nowMs` for the
 * given method and headers: every check that needs no secret (parameters, raw
 * `+`, x-oss-expires range, expiry, clock skew, region), then, with
 * credentials, the AccessKeyId, the security token and the signature,
 * recomputed with the project's signing steps. A signature that does not
 * match is diagnosed by trying common readings (a raw `+`, another method,
 * other headers, an added parameter, an edited x-oss-expires). The emulator's
 * own verifier gives the OSS answer. Pure apart from `credentials`; nothing
 * in the result is secret: no AccessKey secret, no derived key, no whole
 * security token, no signature the URL does not already carry.
 */
export function explainPresignedUrl(text: string, options: ExplainOptions): UrlExplanation {
  const url = decodePresignedUrl(text, { bucket: options.bucket });
  const method = (options.method ?? 'GET').toUpperCase();
  const given = (options.headers ?? []).filter(([n]) => n.toLowerCase() !== 'host');
  const headers: HeaderList = [...given, ['Host', url.host]];
  const account = options.credentials === undefined ? undefined : toCredentials(options.credentials, 'credentials');
  const others = (options.otherCredentials ?? []).map((c, i) => toCredentials(c, `otherCredentials[${i}]`));
  const held = account?.accessKeyId === url.accessKeyId ? account : others.find((c) => c.accessKeyId === url.accessKeyId);
  const owner = `${options.credentialsOwner ?? 'the environment'}'s`;
  // A local emulator's own account judges only its own URLs: another key may well be real OSS's.
  const foreign = held === undefined && account !== undefined && options.localAccount !== undefined && url.accessKeyId !== undefined;
  const credentials = held ?? (foreign ? undefined : account);
  const noCredentials = foreign ? noCredentialsFor(url.accessKeyId!, owner, options.localAccount!) : options.noCredentials;
  const ctx: Context = { url, options, method, headers, nowMs: options.nowMs, credentials, owner, caller: options.caller ?? 'command', noCredentials };
  const reading: Reading = { method, key: url.key, query: url.query, headers };

  const checks: UrlCheck[] = [parametersCheck(ctx), plusCheck(ctx)];
  if (url.version === 'v4') checks.push(expiresRangeCheck(ctx));
  checks.push(expiryCheck(ctx));
  if (url.version === 'v4') checks.push(skewCheck(ctx), regionCheck(ctx));
  const keys = credentialChecks(ctx);
  checks.push(...keys.checks);
  const signature = signatureCheck(ctx, reading);
  checks.push(signature.check);

  const secret = credentials?.revealSecret();
  const lookup: SecretLookup = () => keys.refusal ?? (signature.checkable && secret !== undefined ? secret : UNCHECKED);
  const answer = authenticateOssRequest(
    { method, targets: [{ bucket: url.bucket, key: url.key }], query: url.query, headers, nowMs: options.nowMs },
    lookup,
  );
  const oss = answer instanceof OssServiceError && answer !== UNCHECKED ? { status: answer.status, code: answer.code, message: answer.message } : null;

  const failures = checks.filter((c) => c.status === 'fail');
  let verdict: Verdict;
  let reason: string;
  if (failures.length > 0) {
    verdict = 'refused';
    reason = failures[0]!.detail + (failures.length > 1 ? ` (and ${failures.length - 1} more problem${failures.length > 2 ? 's' : ''})` : '');
  } else if (oss) {
    verdict = 'refused';
    reason = `OSS answers ${oss.status} ${oss.code}: ${oss.message}`;
  } else if (signature.check.status !== 'ok') {
    verdict = 'unverified';
    reason = `no problem found, but ${signature.check.detail}`;
  } else {
    verdict = 'accepted';
    const left = url.expiresAt === undefined ? '' : `; valid for another ${formatDuration((url.expiresAt - options.nowMs) / 1000)}`;
    reason = `OSS would accept it: the signature matches ${method} with ${headerList(headers)}${left}`;
  }
  return {
    verdict,
    reason,
    oss,
    at: formatInstant(options.nowMs),
    request: {
      method,
      headers: given.map(([n, v]) => [n, SENSITIVE_HEADERS.has(n.toLowerCase()) ? '<not shown>' : v] as const),
    },
    url: summarize(url, options.nowMs),
    checks,
    expected: signature.expected,
    signed: signature.signed ?? null,
  };
}
