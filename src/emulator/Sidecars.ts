import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { OssError } from '../oss/OssError.js';
import type { ConfinedFs, Folder } from './ConfinedFs.js';
import { contentTypeOf } from './contentTypeOf.js';
import { Crc64Ecma } from './Crc64Ecma.js';
import { DescriptionCache } from './DescriptionCache.js';
import { stampOf } from './FileIdentity.js';
import type { FileStamp } from './FileIdentity.js';
import { infoOf } from './ObjectInfo.js';
import type { ObjectInfo, StoredMeta } from './ObjectInfo.js';
import { mapConcurrently } from './mapConcurrently.js';

/** A record computed from a file's content, to be remembered once the caller holds the bucket lock. */
export interface Computed {
  readonly path: string;
  readonly stats: FileStamp;
  readonly meta: StoredMeta;
}

/** How many sidecars are written at once (file-system calls in flight). */
const WRITE_CONCURRENCY = 16;

/**
 * The metadata of objects, one JSON file per object under
 * `.ossduck/meta/<bucket>/<hh>/<sha256(key)>.json`, each tied to the inode,
 * size and mtime of the file it describes. Files copied in by hand (or
 * replaced by hand) have no matching record: their ETag and CRC-64 are
 * computed from the content and remembered. What listings read is kept
 * in a DescriptionCache, dropped for a key whenever its record is written
 * or removed.
 */
export class Sidecars {
  readonly #fs: ConfinedFs;
  readonly #metaDir: string;
  readonly #tmpDir: string;
  readonly #described: DescriptionCache;

  constructor(fs: ConfinedFs, metaDir: string, tmpDir: string) {
    this.#fs = fs;
    this.#metaDir = metaDir;
    this.#tmpDir = tmpDir;
    this.#described = new DescriptionCache((path) => fs.identitySync(path));
  }

  path(bucket: string, key: string): string {
    const hash = createHash('sha256').update(key, 'utf8').digest('hex');
    return join(this.#metaDir, bucket, hash.slice(0, 2), `${hash}.json`);
  }

  async read(bucket: string, key: string): Promise<StoredMeta | undefined> {
    try {
      const bytes = await this.#fs.readFile(this.path(bucket, key));
      if (!bytes) return undefined;
      const meta = JSON.parse(bytes.toString('utf8')) as StoredMeta;
      return meta.v === 1 && meta.key === key ? meta : undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes a record (through `tmp`, the temporary folder, when the caller has it open). */
  async write(bucket: string, meta: StoredMeta, tmp?: Folder): Promise<void> {
    this.#described.forget(bucket, meta.key);
    try {
      await this.#fs.writeAtomically(this.path(bucket, meta.key), JSON.stringify(meta), tmp ?? this.#tmpDir);
    } finally {
      this.#described.forget(bucket, meta.key);
    }
  }

  async remove(bucket: string, key: string): Promise<void> {
    this.#described.forget(bucket, key);
    try {
      await this.#fs.unlink(this.path(bucket, key));
    } finally {
      this.#described.forget(bucket, key);
    }
  }

  /** How many object descriptions are kept in memory. */
  get described(): number {
    return this.#described.size;
  }

  /** Drops what is kept in memory about a bucket's objects (DeleteBucket). */
  forgetBucket(bucket: string): void {
    this.#described.forgetBucket(bucket);
  }

  /**
   * A listed object's metadata without a thread-pool round trip: from
   * memory while its file (`stats`, its lstat now) and its sidecar are
   * unchanged, else from the sidecar read now if it describes this very
   * file (then kept, see DescriptionCache); undefined when the content must
   * be hashed (`describe`). `readSince`: the clock before `stats` was taken.
   */
  describeNow(bucket: string, key: string, stats: BigIntStats, readSince: number): ObjectInfo | undefined {
    const known = this.#described.get(bucket, key, stats);
    if (known) return known;
    const path = this.path(bucket, key);
    let found: { bytes: Buffer; stats: BigIntStats } | undefined;
    let meta: StoredMeta;
    try {
      found = this.#fs.readSmallFileSync(path);
      if (!found) return undefined;
      meta = JSON.parse(found.bytes.toString('utf8')) as StoredMeta;
    } catch {
      return undefined;
    }
    if (meta.v !== 1 || meta.key !== key || !describes(meta, stampOf(stats))) return undefined;
    const info = infoOf(meta);
    this.#described.set(bucket, key, stats, path, found.stats, info, readSince);
    return info;
  }

  /**
   * The object's metadata: the sidecar if it still describes this very file
   * (same inode, size and mtime), else computed from the content, read
   * through `handle` when given, else by opening `path` (undefined if it
   * vanished meanwhile). A computed record comes back for `remember`.
   */
  async describe(bucket: string, key: string, stats: FileStamp, path: string, handle?: FileHandle): Promise<{ info: ObjectInfo; computed?: Computed } | undefined> {
    const meta = await this.read(bucket, key);
    if (meta && describes(meta, stats)) return { info: infoOf(meta) };
    const reader = handle ?? (await this.#fs.openFile(path));
    if (!reader) return undefined;
    const md5 = createHash('md5');
    const crc = new Crc64Ecma();
    try {
      const buffer = Buffer.allocUnsafe(Math.min(1 << 20, Math.max(1, stats.size)));
      for (let position = 0; position < stats.size; ) {
        const { bytesRead } = await reader.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) break;
        md5.update(buffer.subarray(0, bytesRead));
        crc.update(buffer.subarray(0, bytesRead));
        position += bytesRead;
      }
    } finally {
      if (!handle) await reader.close();
    }
    const computed: StoredMeta = {
      v: 1,
      key,
      size: stats.size,
      etag: md5.digest('hex').toUpperCase(),
      crc64: crc.digest(),
      lastModifiedMs: Math.floor(stats.mtimeMs),
      contentType: contentTypeOf(key),
      userMeta: [],
      headers: [],
      storageClass: 'Standard',
      ino: stats.ino,
      mtimeMs: stats.mtimeMs,
    };
    return { info: infoOf(computed), computed: { path, stats, meta: computed } };
  }

  /**
   * Writes computed records, each only if its path still holds the file that
   * was read (an upload may have replaced it meanwhile, with a record of its
   * own). The caller holds the bucket lock; the writes run in parallel.
   */
  async remember(bucket: string, items: readonly Computed[]): Promise<void> {
    if (items.length === 0) return;
    const tmp = await this.#fs.makeFolders(this.#tmpDir);
    if (!tmp) throw OssError.io(`the emulator's temporary folder ${this.#tmpDir} is not a folder`);
    try {
      await mapConcurrently(items, WRITE_CONCURRENCY, async ({ path, stats, meta }) => {
        const now = await this.#fs.lstat(path);
        if (now && now.ino === stats.ino && now.mtimeMs === stats.mtimeMs) await this.write(bucket, meta, tmp);
      });
    } finally {
      await tmp.close();
    }
  }
}

/** Whether a sidecar record is tied to the file with these stats. */
function describes(meta: StoredMeta, stats: FileStamp): boolean {
  return meta.ino === stats.ino && meta.size === stats.size && meta.mtimeMs === stats.mtimeMs;
}
