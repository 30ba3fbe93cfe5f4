/** The base64 digits (RFC 4648) as character codes. */
const DIGITS = new Uint8Array(Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 'latin1'));
const PLUS = 0x2b;
const SLASH = 0x2f;

/** Digit `d` as a query value holds it: `+` as %2B, `/` as %2F. */
function put(d: number, target: Uint8Array, at: number): number {
  const c = DIGITS[d]!;
  if (c !== PLUS && c !== SLASH) {
    target[at] = c;
    return at + 1;
  }
  target[at] = 0x25;
  target[at + 1] = 0x32;
  target[at + 2] = c === PLUS ? 0x42 : 0x46;
  return at + 3;
}

/** `=` as a query value holds it: %3D. */
function pad(target: Uint8Array, at: number): number {
  target[at] = 0x25;
  target[at + 1] = 0x33;
  target[at + 2] = 0x44;
  return at + 3;
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
    o = put(n >>> 18, target, o);
    o = put((n >>> 12) & 63, target, o);
    o = put((n >>> 6) & 63, target, o);
    o = put(n & 63, target, o);
  }
  if (i < end) {
    const two = i + 1 < end;
    const n = (source[i]! << 16) | (two ? source[i + 1]! << 8 : 0);
    o = put(n >>> 18, target, o);
    o = put((n >>> 12) & 63, target, o);
    o = two ? put((n >>> 6) & 63, target, o) : pad(target, o);
    o = pad(target, o);
  }
  return o;
}
