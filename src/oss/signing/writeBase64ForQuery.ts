const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Each base64 digit as the bytes a query value holds: `+` and `/` percent-encoded. */
const DIGITS: readonly (readonly number[])[] = [...ALPHABET].map((c) =>
  c === '+' ? [0x25, 0x32, 0x42] : c === '/' ? [0x25, 0x32, 0x46] : [c.charCodeAt(0)],
);
const PAD = [0x25, 0x33, 0x44]; // '=' as %3D

function put(bytes: readonly number[], target: Uint8Array, at: number): number {
  for (let i = 0; i < bytes.length; i++) target[at + i] = bytes[i]!;
  return at + bytes.length;
}

/**
 * The base64 of `source[start, end)` (RFC 4648, with padding), RFC 3986-encoded
 * for a query value (`+` %2B, `/` %2F, `=` %3D), written into `target` at
 * `at`; returns the end. At most 3 * 4 * ceil(n / 3) bytes. A V1 signature
 * goes into its URL this way, straight from the digest's bytes.
 */
export function writeBase64ForQuery(source: Uint8Array, start: number, end: number, target: Uint8Array, at: number): number {
  let o = at;
  let i = start;
  for (; i + 3 <= end; i += 3) {
    const n = (source[i]! << 16) | (source[i + 1]! << 8) | source[i + 2]!;
    o = put(DIGITS[n >>> 18]!, target, o);
    o = put(DIGITS[(n >>> 12) & 63]!, target, o);
    o = put(DIGITS[(n >>> 6) & 63]!, target, o);
    o = put(DIGITS[n & 63]!, target, o);
  }
  if (i < end) {
    const two = i + 1 < end;
    const n = (source[i]! << 16) | (two ? source[i + 1]! << 8 : 0);
    o = put(DIGITS[n >>> 18]!, target, o);
    o = put(DIGITS[(n >>> 12) & 63]!, target, o);
    o = put(two ? DIGITS[(n >>> 6) & 63]! : PAD, target, o);
    o = put(PAD, target, o);
  }
  return o;
}
