import { percentEncode } from './percentEncode.js';

/**
 * One decoded query parameter. A `null` value is a bare name (`?acl`), an empty
 * string is `name=`.
 */
export type QueryParam = readonly [name: string, value: string | null];

/** Byte order of the UTF-8 forms, the order the SDKs sort names in. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * The query string of a URL as the v2 SDKs write it: parameters sorted by name
 * (byte order), names and values RFC 3986-encoded, `name=value`, and a bare
 * `name` for a null value.
 */
export function formatQuery(params: readonly QueryParam[]): string {
  return [...params]
    .sort((a, b) => compareUtf8(a[0], b[0]))
    .map(([name, value]) => (value === null ? percentEncode(name) : `${percentEncode(name)}=${percentEncode(value)}`))
    .join('&');
}

/**
 * Decodes a raw query string (`a=1&b&c=%20`) into parameters, in order. A
 * `+` is a space, as OSS and every form decoder read it: that is why a `+`
 * left raw in a signature or token breaks a URL.
 */
export function parseQuery(raw: string): QueryParam[] {
  const params: QueryParam[] = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) params.push([safeDecode(part), null]);
    else params.push([safeDecode(part.slice(0, eq)), safeDecode(part.slice(eq + 1))]);
  }
  return params;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}

/** The value of the first parameter named `name` (`''` for a bare name), or undefined when there is none. */
export function queryValue(query: readonly QueryParam[], name: string): string | undefined {
  for (const [n, v] of query) if (n === name) return v ?? '';
  return undefined;
}
