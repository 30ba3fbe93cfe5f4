import { hash } from 'node:crypto';

/**
 * A digest of a set of URLs that does not depend on their order: the count
 * and the sum of each URL's MD5 read as a little-endian 64-bit number at byte
 * 8, the number DuckDB's `md5_number_lower(url)` gives, so the same digest
 * can be taken inside DuckDB (`sum(md5_number_lower(url))`) and in
 * JavaScript, and compared.
 */
export interface UrlDigest {
  readonly count: number;
  readonly sum: string;
}

function md5Lower(text: string): bigint {
  return hash('md5', text, 'buffer').readBigUInt64LE(8);
}

/** The digest of `urls` exactly as they are. */
export function digestOf(urls: readonly string[]): UrlDigest {
  let sum = 0n;
  for (const url of urls) sum += md5Lower(url);
  return { count: urls.length, sum: sum.toString() };
}

/**
 * `url` as two signers agree on it when they order query parameters
 * differently or differ in escaping characters a path may carry either way
 * (ali-oss leaves `(` `)` unescaped; ossduck escapes them as RFC 3986's
 * strictest form): the path percent-decoded, the query parameters sorted.
 * Signatures and every parameter value still compare byte for byte.
 */
export function normalizedUrl(url: string): string {
  const q = url.indexOf('?');
  const base = q < 0 ? url : url.slice(0, q);
  const pathAt = base.indexOf('/', base.indexOf('//') + 2);
  const decoded = base.slice(0, pathAt) + decodeURIComponent(base.slice(pathAt));
  return q < 0 ? decoded : `${decoded}?${url.slice(q + 1).split('&').sort().join('&')}`;
}

/** The digest of `urls` normalized (`normalizedUrl`). */
export function normalizedDigestOf(urls: readonly string[]): UrlDigest {
  return digestOf(urls.map(normalizedUrl));
}

export function sameDigest(a: UrlDigest, b: UrlDigest): boolean {
  return a.count === b.count && a.sum === b.sum;
}
