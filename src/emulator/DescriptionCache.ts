import type { BigIntStats } from 'node:fs';
import { identityOf, isSettled, sameIdentity } from './FileIdentity.js';
import type { FileIdentity } from './FileIdentity.js';
import { LruCache } from './LruCache.js';
import type { ObjectInfo } from './ObjectInfo.js';

/** How many object descriptions are kept: about 1.1 KB each (measured, keys like `listing/part-00/o000000.txt`), some 220 MB when full. */
export const DESCRIPTION_CACHE_ENTRIES = 200_000;

interface Described {
  /** The object's file when it was described. */
  readonly data: FileIdentity;
  readonly sidecarPath: string;
  /** Its sidecar when it was read. */
  readonly sidecar: FileIdentity;
  readonly info: ObjectInfo;
}

/**
 * What listings said about objects (ETag, size, Last-Modified, storage
 * class, version id...), so that listing an unchanged object again opens
 * nothing. An entry holds only while the object's file and its sidecar are
 * the very files it was filled from (device, inode, size, mtime and ctime to
 * the nanosecond, see FileIdentity): a file replaced, edited, appended to or
 * touched, in the emulator or behind its back, misses. Writes through the
 * emulator also drop the key's entry (Sidecars.write and remove), and a
 * state younger than SETTLE_MS is never cached. Bounded by
 * DESCRIPTION_CACHE_ENTRIES entries, least recently used dropped first.
 */
export class DescriptionCache {
  readonly #entries: LruCache<string, Described>;
  readonly #statSidecar: (path: string) => BigIntStats | undefined;

  /** `statSidecar`: the lstat of a sidecar path, undefined when it is gone. */
  constructor(statSidecar: (path: string) => BigIntStats | undefined, capacity = DESCRIPTION_CACHE_ENTRIES) {
    this.#statSidecar = statSidecar;
    this.#entries = new LruCache(capacity);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The description of `key` while `data` (its file's lstat now) and its sidecar are what they were. */
  get(bucket: string, key: string, data: BigIntStats): ObjectInfo | undefined {
    const name = `${bucket}/${key}`;
    const entry = this.#entries.get(name);
    if (!entry) return undefined;
    if (sameIdentity(entry.data, data)) {
      const sidecar = this.#statSidecar(entry.sidecarPath);
      if (sidecar && sameIdentity(entry.sidecar, sidecar)) return entry.info;
    }
    this.#entries.delete(name);
    return undefined;
  }

  /**
   * Keeps a description read from `sidecar` for the file `data`, when both
   * had settled by `readSince` (the clock, read before either was looked at).
   */
  set(bucket: string, key: string, data: BigIntStats, sidecarPath: string, sidecar: BigIntStats, info: ObjectInfo, readSince: number): void {
    const entry: Described = { data: identityOf(data), sidecarPath, sidecar: identityOf(sidecar), info };
    if (isSettled(entry.data, readSince) && isSettled(entry.sidecar, readSince)) this.#entries.set(`${bucket}/${key}`, entry);
  }

  forget(bucket: string, key: string): void {
    this.#entries.delete(`${bucket}/${key}`);
  }

  forgetBucket(bucket: string): void {
    this.#entries.deleteWhere((name) => name.startsWith(`${bucket}/`));
  }
}
