/**
 * Writes each character of `text` (all below U+0100: a hex or base64
 * digest, a digest as 'binary') as one byte into `target` from `at`, and
 * returns where it ends. For the 20 to 64 characters of a digest a loop
 * costs less than `Buffer#write`.
 */
export function writeLatin1(text: string, target: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) target[at + i] = text.charCodeAt(i);
  return at + text.length;
}
