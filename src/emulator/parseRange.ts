/**
 * How OSS answers a `Range` header on GetObject.
 *
 * By default OSS is lenient: a range it cannot serve exactly (malformed, more
 * than one range, start past the end, end past the end, a suffix longer than
 * the object) is ignored and the whole object comes back with 200. With the
 * request header `x-oss-range-behavior: standard` it follows RFC 7233: an end
 * past the end is clamped (206), a start past the end is 416 InvalidRange, and
 * a suffix longer than the object returns the whole object as 206. A range
 * that does not parse is ignored in both modes, as RFC 7233 says.
 */
export type RangeDecision =
  | { readonly kind: 'full' }
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

const FULL: RangeDecision = { kind: 'full' };
const UNSATISFIABLE: RangeDecision = { kind: 'unsatisfiable' };

function toNumber(digits: string): number {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

export function parseRange(header: string | undefined, size: number, standard: boolean): RangeDecision {
  if (header === undefined) return FULL;
  const spec = header.trim();
  if (/^bytes=.*,/.test(spec)) return standard ? UNSATISFIABLE : FULL;
  const m = /^bytes=(\d*)-(\d*)$/.exec(spec);
  if (!m) return FULL;
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return FULL;
  const notServable = standard ? UNSATISFIABLE : FULL;
  if (first === '') {
    const suffix = toNumber(last);
    if (suffix === 0 || size === 0) return notServable;
    if (suffix > size) return standard ? { kind: 'partial', start: 0, end: size - 1 } : FULL;
    return { kind: 'partial', start: size - suffix, end: size - 1 };
  }
  const start = toNumber(first);
  if (last !== '' && toNumber(last) < start) return FULL;
  if (start >= size) return notServable;
  if (last === '') return { kind: 'partial', start, end: size - 1 };
  const end = toNumber(last);
  if (end >= size) return standard ? { kind: 'partial', start, end: size - 1 } : FULL;
  return { kind: 'partial', start, end };
}
