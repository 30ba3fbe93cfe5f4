/**
 * Whether a key a listing of `prefix` gave is an object to hand out (a row of
 * an object table, a URL of oss_presign_prefix): under the prefix, not the
 * prefix itself, and no directory marker (an empty object ending in '/').
 */
export function isListedObject(key: string, size: number, prefix: string): boolean {
  return key.startsWith(prefix) && key !== prefix && !(key.endsWith('/') && size === 0);
}
