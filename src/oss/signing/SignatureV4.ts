/**
 * The steps of OSS signature version 4 (OSS4-HMAC-SHA256), each a small pure
 * function. Time, credentials and the request are inputs; nothing here reads a
 * clock or the environment.
 */
import { createHash, createHmac } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { encodePath, percentEncode } from './percentEncode.js';
import type { QueryParam } from './QueryParam.js';

export const ALGORITHM_V4 = 'OSS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const V4_REQUEST = 'aliyun_v4_request';

export type HeaderList = readonly (readonly [name: string, value: string])[];

/** `20231217T033009Z` for an instant given in whole seconds since the epoch. */
export function formatIsoDateTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** `/bucket/key`, RFC 3986-encoded with `/` kept: the canonical URI. */
export function canonicalUri(bucket: string | undefined, key: string | undefined): string {
  let uri = '/';
  if (bucket !== undefined) uri += `${bucket}/`;
  if (key !== undefined) uri += key;
  return encodePath(uri);
}

/**
 * The canonical query string: names and values RFC 3986-encoded, sorted by
 * encoded name, `name=value`, and a bare `name` when the value is empty.
 */
export function canonicalQuery(params: readonly QueryParam[]): string {
  return params
    .map(([name, value]) => [percentEncode(name), value === null ? '' : percentEncode(value)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([name, value]) => (value === '' ? name : `${name}=${value}`))
    .join('&');
}

function isDefaultSignedHeader(lowerName: string): boolean {
  return lowerName === 'content-type' || lowerName === 'content-md5' || lowerName.startsWith('x-oss-');
}

/**
 * The additional headers that take part in a signature: lower-cased, without
 * the ones signed anyway (content-type, content-md5, x-oss-*), only those the
 * request carries, de-duplicated and sorted.
 */
export function effectiveAdditionalHeaders(headers: HeaderList, additional: readonly string[] | undefined): string[] {
  if (!additional || additional.length === 0) return [];
  const present = new Set(headers.filter(([, v]) => v !== '').map(([n]) => n.toLowerCase()));
  const names = new Set<string>();
  for (const name of additional) {
    const lower = name.toLowerCase();
    if (!isDefaultSignedHeader(lower) && present.has(lower)) names.add(lower);
  }
  return [...names].sort();
}

/**
 * The canonical headers block: every content-type, content-md5 and x-oss-*
 * header plus the additional ones, lower-cased, sorted, values trimmed, a
 * repeated header's values joined by commas, each line ending in `\n`.
 */
export function canonicalHeaders(headers: HeaderList, additional: readonly string[]): string {
  const wanted = new Set(additional);
  const values = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (!isDefaultSignedHeader(lower) && !wanted.has(lower)) continue;
    const list = values.get(lower);
    if (list) list.push(value.trim());
    else values.set(lower, [value.trim()]);
  }
  return [...values.keys()]
    .sort()
    .map((name) => `${name}:${(values.get(name) ?? []).join(',')}\n`)
    .join('');
}

/** The payload hash line: the x-oss-content-sha256 header, else UNSIGNED-PAYLOAD. */
export function payloadHash(headers: HeaderList): string {
  for (const [name, value] of headers) if (name.toLowerCase() === 'x-oss-content-sha256' && value !== '') return value;
  return UNSIGNED_PAYLOAD;
}

export interface CanonicalRequestParts {
  readonly method: string;
  readonly bucket?: string | undefined;
  readonly key?: string | undefined;
  readonly query: readonly QueryParam[];
  readonly headers: HeaderList;
  /** Already passed through `effectiveAdditionalHeaders`. */
  readonly additionalHeaders: readonly string[];
}

/** Method, URI, query, headers, additional header names and payload hash, one per line. */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  return [
    parts.method.toUpperCase(),
    canonicalUri(parts.bucket, parts.key),
    canonicalQuery(parts.query),
    canonicalHeaders(parts.headers, parts.additionalHeaders),
    parts.additionalHeaders.join(';'),
    payloadHash(parts.headers),
  ].join('\n');
}

/** `20231217/cn-hangzhou/oss/aliyun_v4_request`. */
export function credentialScope(date: string, region: string, product: string): string {
  return `${date}/${region}/${product}/${V4_REQUEST}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Algorithm, timestamp, scope and the hex SHA-256 of the canonical request. */
export function stringToSignV4(datetime: string, scope: string, canonical: string): string {
  return `${ALGORITHM_V4}\n${datetime}\n${scope}\n${sha256Hex(canonical)}`;
}

/**
 * The derived signing key: HMAC-SHA256 chained over date, region, product and
 * `aliyun_v4_request`, starting from `aliyun_v4` + secret.
 */
export function deriveSigningKey(secret: string, date: string, region: string, product: string): Buffer {
  const kDate = createHmac('sha256', `aliyun_v4${secret}`).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kProduct = createHmac('sha256', kRegion).update(product).digest();
  return createHmac('sha256', kProduct).update(V4_REQUEST).digest();
}

/** Hex HMAC-SHA256 of the string to sign under the signing key. */
export function signatureV4(signingKey: KeyObject | Buffer, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}
