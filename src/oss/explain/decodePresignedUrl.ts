import { V1_QUERY, V4_QUERY } from '../verify/authenticateOssRequest.js';
import { parseV4Credential } from '../verify/parseAuthorization.js';
import { parseIsoBasicDate } from '../verify/parseHttpDate.js';
import { isIP } from 'node:net';
import { hostName, isValidHost, needsPathStyle, scopeOfEndpoint } from '../OssEndpoint.js';
import { bucketNameProblem } from '../OssLocation.js';
import { parseQuery } from '../signing/QueryParam.js';
import type { QueryParam } from '../signing/QueryParam.js';
import { isSubResource } from '../signing/SignatureV1.js';
import { ALGORITHM_V4 } from '../signing/SignatureV4.js';
import type { UrlStyle } from '../signing/UrlAddress.js';
import { PresignedUrlError } from './PresignedUrlError.js';

/** What a query parameter other than the signature's own ones asks of OSS. */
export type ParameterKind = 'version-id' | 'response-override' | 'process' | 'traffic-limit' | 'sub-resource' | 'other';

export interface UrlParameter {
  readonly name: string;
  /** Decoded; null for a bare name (`?acl`). */
  readonly value: string | null;
  readonly kind: ParameterKind;
  /** Whether the signature covers it (V4: every parameter; V1: sub-resources only). */
  readonly signed: boolean;
}

/** The parameters that carry the signature itself, per version. */
export const V1_AUTH_PARAMS: ReadonlySet<string> = new Set(['OSSAccessKeyId', 'Expires', 'Signature', 'security-token']);
export const V4_AUTH_PARAMS: ReadonlySet<string> = new Set([
  'x-oss-signature-version', 'x-oss-credential', 'x-oss-date', 'x-oss-expires', 'x-oss-signature', 'x-oss-security-token',
  'x-oss-additional-headers',
]);
/** Parameters whose value a raw `+` (read as a space) always breaks. */
export const PLUS_SENSITIVE: ReadonlySet<string> = new Set([
  'Signature', 'OSSAccessKeyId', 'security-token', 'x-oss-signature', 'x-oss-credential', 'x-oss-security-token',
]);

/**
 * A presigned OSS URL taken apart. It holds the security token whole (to
 * verify with), so it is not for output: `explainPresignedUrl` reports a
 * summary of the token, never the token.
 */
export interface PresignedUrl {
  readonly version: 'v1' | 'v4';
  readonly scheme: 'http' | 'https';
  /** Host with an optional port, lower case. */
  readonly host: string;
  readonly style: UrlStyle;
  readonly bucket: string | undefined;
  /** Where the bucket came from: the host, the path, or the `bucket` option (custom domains). */
  readonly bucketFrom: 'host' | 'path' | 'option' | undefined;
  /** The decoded object key; undefined when the URL names a bucket or the service. */
  readonly key: string | undefined;
  /** The raw path as written. */
  readonly rawPath: string;
  /** The region and product the host names (an OSS endpoint), if any. */
  readonly hostScope: { readonly region: string; readonly product: string } | undefined;
  /** V4: the credential scope. */
  readonly scope: { readonly date: string; readonly region: string; readonly product: string } | undefined;
  readonly accessKeyId: string | undefined;
  /** V4: the x-oss-date text and instant (epoch ms). */
  readonly datetime: string | undefined;
  readonly signedAt: number | undefined;
  /** Epoch ms: V1 Expires, V4 x-oss-date + x-oss-expires. */
  readonly expiresAt: number | undefined;
  /** V1: the Expires text; V4: the x-oss-expires text. */
  readonly expiresText: string | undefined;
  /** V4: x-oss-expires in seconds. */
  readonly expiresIn: number | undefined;
  readonly signature: string | undefined;
  readonly securityToken: string | undefined;
  /** V4: x-oss-additional-headers, lower case. */
  readonly additionalHeaders: readonly string[];
  /** Every query parameter, decoded as OSS decodes it (`+` is a space), in order. */
  readonly query: readonly QueryParam[];
  /** The raw query string (after `?`, without a fragment). */
  readonly rawQuery: string;
  /** The parameters that are not the signature's own. */
  readonly parameters: readonly UrlParameter[];
  /** Names of parameters whose raw value holds a literal `+`. */
  readonly rawPlus: readonly string[];
  /** What is missing or malformed among the signature's parameters, one sentence each. */
  readonly faults: readonly string[];
}

const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/s;
const OSS_HOST = /(?:^|\.)aliyuncs\.com$/;

function isOssHost(host: string): boolean {
  return scopeOfEndpoint(host) !== undefined || OSS_HOST.test(hostName(host));
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function kindOf(name: string): ParameterKind {
  if (name === 'versionId') return 'version-id';
  if (name.startsWith('response-')) return 'response-override';
  if (name === 'x-oss-process') return 'process';
  if (name === 'x-oss-traffic-limit') return 'traffic-limit';
  return isSubResource(name) ? 'sub-resource' : 'other';
}

function first(query: readonly QueryParam[], name: string): string | undefined {
  for (const [n, v] of query) if (n === name) return v ?? '';
  return undefined;
}

/** Bucket, key and addressing style of a URL's host and raw path. */
function locate(
  host: string,
  path: string,
  bucketOption: string | undefined,
): Pick<PresignedUrl, 'style' | 'bucket' | 'bucketFrom' | 'key' | 'hostScope'> {
  const name = hostName(host);
  const pathStyle = (): Pick<PresignedUrl, 'bucket' | 'bucketFrom' | 'key'> => {
    const rest = path.slice(1);
    if (rest === '') return { bucket: undefined, bucketFrom: undefined, key: undefined };
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const key = slash < 0 ? '' : rest.slice(slash + 1);
    return { bucket, bucketFrom: 'path', key: key === '' ? undefined : key };
  };
  const keyOf = (): string | undefined => (path.length > 1 ? path.slice(1) : undefined);
  const dot = name.indexOf('.');
  const label = dot > 0 ? name.slice(0, dot) : '';
  const endpoint = dot > 0 ? host.slice(dot + 1) : '';
  const loopbackName = name === 'localhost' || isIP(name) !== 0;
  if (loopbackName) return { style: 'path', ...pathStyle(), hostScope: undefined };
  const serviceScope = scopeOfEndpoint(host);
  if (serviceScope) return { style: 'path', ...pathStyle(), hostScope: serviceScope };
  // `<bucket>.localhost` is virtual-hosted (as ali-oss writes it and the emulator reads it first).
  const bucketLabel = label !== '' && !label.startsWith('oss-') && bucketNameProblem(label) === undefined;
  if (bucketLabel && (isOssHost(endpoint) || hostName(endpoint) === 'localhost')) {
    return { style: 'virtual', bucket: label, bucketFrom: 'host', key: keyOf(), hostScope: scopeOfEndpoint(endpoint) };
  }
  if (isOssHost(host) || needsPathStyle(host)) return { style: 'path', ...pathStyle(), hostScope: undefined };
  return {
    style: 'cname',
    bucket: bucketOption,
    bucketFrom: bucketOption === undefined ? undefined : 'option',
    key: keyOf(),
    hostScope: undefined,
  };
}

/**
 * Characters a URL cannot carry as they are written (anything but printable
 * ASCII: invisible ones such as U+200B or U+FEFF included), named by code
 * point and position, or undefined when there are none. A URL carries them
 * percent-encoded; sent raw, they are not the bytes that were signed.
 */
function rawCharacters(text: string): string | undefined {
  const found: string[] = [];
  let at = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x21 || code > 0x7e) found.push(`U+${code.toString(16).toUpperCase().padStart(4, '0')} at character ${at + 1}`);
    at += ch.length;
  }
  if (found.length === 0) return undefined;
  const listed = found.length > 5 ? `${found.slice(0, 5).join(', ')} and ${found.length - 5} more` : found.join(', ');
  return `the URL holds characters that must be percent-encoded: ${listed} (sent raw, they are not the request that was signed; the local OSS answers 400 Bad Request)`;
}

/**
 * Takes a presigned OSS URL apart: signature version, addressing style,
 * bucket and key, the signature's parameters (checked for presence and form,
 * problems collected in `faults`) and the other parameters. A custom domain
 * names no bucket: `options.bucket` gives it. Pure; throws a
 * PresignedUrlError for text that is no http(s) URL, a URL without a
 * signature in its query, or a `bucket` option the URL contradicts.
 */
export function decodePresignedUrl(text: string, options: { bucket?: string | undefined } = {}): PresignedUrl {
  // Spaces, tabs and line breaks around a pasted URL go; any other character (U+FEFF, U+00A0, U+200B ...) is the URL's own.
  const trimmed = text.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  if (/^oss:\/\//i.test(trimmed)) {
    throw new PresignedUrlError('an oss:// location is not a presigned URL: give the https:// URL GET_SIGNED_URL_FROM_OSS or an SDK made');
  }
  const m = URL_SHAPE.exec(trimmed);
  if (!m) {
    const hidden = rawCharacters(trimmed);
    throw new PresignedUrlError(
      `'${shorten(trimmed)}' is not a URL: expected https://<bucket>.<endpoint>/<key>?<signature parameters>${hidden === undefined ? '' : ` (${hidden.replace(/ \(sent raw.*$/, '')})`}`,
    );
  }
  const scheme = m[1]!.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') throw new PresignedUrlError(`a presigned OSS URL is http:// or https://, not ${scheme}://`);
  const authority = m[2]!;
  if (authority.includes('@')) throw new PresignedUrlError('a presigned OSS URL has no user name or password before its host');
  const host = authority.toLowerCase();
  if (!isValidHost(host)) throw new PresignedUrlError(`'${shorten(authority)}' is not a host name[:port]`);
  const rawPath = m[3] === '' ? '/' : m[3]!;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    throw new PresignedUrlError('the path is not valid percent-encoded UTF-8 (OSS answers InvalidURI)');
  }
  const rawQuery = m[4] ?? '';
  const query = parseQuery(rawQuery);
  const v1 = V1_QUERY.some((n) => first(query, n) !== undefined);
  const v4 = V4_QUERY.some((n) => first(query, n) !== undefined);
  if (!v1 && !v4) {
    throw new PresignedUrlError(
      `the URL is not presigned: its query has none of ${V1_QUERY.join(', ')} (signature V1) or ${V4_QUERY.join(', ')} (V4)`,
    );
  }
  if (v1 && v4) {
    throw new PresignedUrlError('the URL carries both a V1 (OSSAccessKeyId, Expires, Signature) and a V4 (x-oss-*) signature; OSS accepts one only');
  }
  const located = locate(host, path, options.bucket);
  if (options.bucket !== undefined && located.bucketFrom !== 'option' && located.bucket !== options.bucket) {
    throw new PresignedUrlError(
      `--bucket ${options.bucket} contradicts the URL, which names ${located.bucket === undefined ? 'no bucket' : `bucket ${located.bucket}`} in its ${located.bucketFrom ?? 'path'}; --bucket is for custom domains`,
    );
  }
  const rawPlus: string[] = [];
  for (const part of rawQuery.split('&')) {
    const eq = part.indexOf('=');
    if (eq >= 0 && part.slice(eq + 1).includes('+')) rawPlus.push(parseQuery(part.slice(0, eq))[0]?.[0] ?? part.slice(0, eq));
  }
  const version = v4 ? 'v4' : 'v1';
  const auth = version === 'v4' ? V4_AUTH_PARAMS : V1_AUTH_PARAMS;
  const parameters = query
    .filter(([name]) => !auth.has(name))
    .map(([name, value]): UrlParameter => ({ name, value, kind: kindOf(name), signed: version === 'v4' || isSubResource(name) }));
  const faults: string[] = [];
  if (/&amp;/i.test(rawQuery)) faults.push("the query holds '&amp;': the URL was copied from HTML or XML; replace each &amp; with &");
  const raw = rawCharacters(trimmed);
  if (raw !== undefined) faults.push(raw);
  const base = { scheme: scheme as 'http' | 'https', host, ...located, rawPath, query, rawQuery, parameters, rawPlus, faults } as const;
  if (version === 'v1') {
    const accessKeyId = first(query, 'OSSAccessKeyId');
    const expiresText = first(query, 'Expires');
    const signature = first(query, 'Signature');
    if (!accessKeyId) faults.push('OSSAccessKeyId is missing or empty');
    if (!signature) faults.push('Signature is missing or empty');
    let expiresAt: number | undefined;
    if (!expiresText) faults.push('Expires is missing or empty');
    else if (!/^\d{1,15}$/.test(expiresText)) faults.push(`Expires '${shorten(expiresText)}' is not a number of seconds since 1970`);
    else expiresAt = Number(expiresText) * 1000;
    return {
      ...base,
      version,
      scope: undefined,
      accessKeyId: accessKeyId || undefined,
      datetime: undefined,
      signedAt: undefined,
      expiresAt,
      expiresText,
      expiresIn: undefined,
      signature: signature || undefined,
      securityToken: first(query, 'security-token') || undefined,
      additionalHeaders: [],
    };
  }
  const algorithm = first(query, 'x-oss-signature-version');
  if (algorithm === undefined) faults.push('x-oss-signature-version is missing');
  else if (algorithm === 'OSS2') faults.push('x-oss-signature-version OSS2 is signature V2, which OSS no longer recommends and ossduck does not check');
  else if (algorithm !== ALGORITHM_V4) faults.push(`x-oss-signature-version is '${shorten(algorithm)}', not ${ALGORITHM_V4}`);
  const credential = first(query, 'x-oss-credential');
  let accessKeyId: string | undefined;
  let scope: PresignedUrl['scope'];
  if (!credential) faults.push('x-oss-credential is missing or empty');
  else {
    const parsed = parseV4Credential(credential);
    if ('fault' in parsed) faults.push(`x-oss-credential is malformed: ${parsed.fault}`);
    else ({ accessKeyId, scope } = parsed);
  }
  const datetime = first(query, 'x-oss-date');
  const signedAt = datetime === undefined ? undefined : parseIsoBasicDate(datetime);
  if (!datetime) faults.push('x-oss-date is missing or empty');
  else if (signedAt === undefined) faults.push(`x-oss-date '${shorten(datetime)}' is not an ISO 8601 basic UTC time like 20261123T120000Z`);
  else if (scope && datetime.slice(0, 8) !== scope.date) faults.push(`the date in x-oss-credential (${scope.date}) is not the date of x-oss-date (${datetime})`);
  const expiresText = first(query, 'x-oss-expires');
  let expiresIn: number | undefined;
  if (!expiresText) faults.push('x-oss-expires is missing or empty');
  else if (!/^\d{1,7}$/.test(expiresText)) faults.push(`x-oss-expires '${shorten(expiresText)}' is not a whole number of seconds`);
  else expiresIn = Number(expiresText);
  const signature = first(query, 'x-oss-signature');
  if (!signature) faults.push('x-oss-signature is missing or empty');
  const additional = first(query, 'x-oss-additional-headers');
  return {
    ...base,
    version,
    scope,
    accessKeyId,
    datetime,
    signedAt,
    expiresAt: signedAt !== undefined && expiresIn !== undefined ? signedAt + expiresIn * 1000 : undefined,
    expiresText,
    expiresIn,
    signature: signature || undefined,
    securityToken: first(query, 'x-oss-security-token') || undefined,
    additionalHeaders: additional ? additional.split(';').map((h) => h.trim().toLowerCase()).filter((h) => h !== '') : [],
  };
}
