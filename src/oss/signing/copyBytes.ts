/** Below this many bytes a loop beats `TypedArray#set` over a `subarray` (which makes a view per call). */
const SHORT = 64;

/**
 * Copies `source[start, end)` into `target` from `at` and returns where the
 * copy ends. Object keys are mostly a few dozen bytes: `Buffer#copy` makes a
 * new view of the source on every call, which cost more than the copy itself.
 */
export function copyBytes(source: Uint8Array, start: number, end: number, target: Uint8Array, at: number): number {
  if (end - start >= SHORT) {
    target.set(source.subarray(start, end), at);
    return at + end - start;
  }
  let o = at;
  for (let i = start; i < end; i++) target[o++] = source[i]!;
  return o;
}
