import { OssError } from '../OssError.js';

const RESERVED_BY_RFC3986 = /[!'()*]/g;
/** Text that needs no escaping at all (most object keys). */
const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;
const UNRESERVED_OR_SLASH = /^[A-Za-z0-9\-._~/]*$/;

function hexEscape(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
}

function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    throw OssError.invalidArgument('an object key or parameter contains an unpaired UTF-16 surrogate and cannot be encoded as UTF-8');
  }
}

/**
 * RFC 3986 percent-encoding of the UTF-8 bytes of `value`: everything but
 * `A-Z a-z 0-9 - . _ ~` is escaped, with upper-case hex. This is the encoding
 * OSS uses for canonical query strings and the v2 SDKs use in URLs.
 */
export function percentEncode(value: string): string {
  if (UNRESERVED_ONLY.test(value)) return value;
  return encode(value).replace(RESERVED_BY_RFC3986, hexEscape);
}

/** `percentEncode`, but `/` stays as it is: the encoding of an object path. */
export function encodePath(value: string): string {
  if (UNRESERVED_OR_SLASH.test(value)) return value;
  return encode(value).replace(RESERVED_BY_RFC3986, hexEscape).replaceAll('%2F', '/');
}

/** Bytes that `encodePathBytes` copies as they are: RFC 3986's unreserved characters and `/`. */
const PATH_SAFE = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/') PATH_SAFE[c.charCodeAt(0)] = 1;
/** The same, with `/` escaped too (`percentEncode` on bytes). */
const UNRESERVED = PATH_SAFE.slice();
UNRESERVED['/'.charCodeAt(0)] = 0;
const HEX_UPPER = new TextEncoder().encode('0123456789ABCDEF');

/**
 * `encodePath` on UTF-8 bytes: `source[start, end)` percent-encoded into
 * `target` from `at` (which needs room for three bytes per source byte).
 * Returns where the encoded path ends.
 */
export function encodePathBytes(source: Uint8Array, start: number, end: number, target: Uint8Array, at: number, encodeSlash = false): number {
  const safe = encodeSlash ? UNRESERVED : PATH_SAFE;
  let o = at;
  for (let i = start; i < end; i++) {
    const b = source[i]!;
    if (safe[b] === 1) {
      target[o++] = b;
    } else {
      target[o] = 0x25;
      target[o + 1] = HEX_UPPER[b >> 4]!;
      target[o + 2] = HEX_UPPER[b & 15]!;
      o += 3;
    }
  }
  return o;
}
