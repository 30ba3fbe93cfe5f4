import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import type { Stats } from 'node:fs';
import { copyFile, lstat, mkdir, open, readFile, readdir, realpath, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { Transform } from 'node:stream';
import type { Readable, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OssError } from '../oss/OssError.js';
import { Crc64Ecma } from './Crc64Ecma.js';
import { contentTypeOf } from './contentTypeOf.js';
import { KeyedMutex } from './KeyedMutex.js';
import { SELF_NAME, keyToPath } from './keyToPath.js';
import { walkBucket } from './walkBucket.js';

/** The hidden folder under the root that holds metadata and uploads in progress; never a bucket (bucket names have no dot). */
export const SYSTEM_DIR = '.ossduck';

/** What OSS reports about an object. */
export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  /** Upper-case hex MD5 of the content, without quotes. */
  readonly etag: string;
  /** CRC-64/ECMA of the content, unsigned decimal. */
  readonly crc64: string;
  readonly lastModifiedMs: number;
  readonly contentType: string;
  /** `x-oss-meta-*` headers, lower-case names. */
  readonly userMeta: readonly (readonly [string, string])[];
  /** Stored standard headers: Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires. */
  readonly headers: readonly (readonly [string, string])[];
  readonly storageClass: string;
  /**
   * The version id, once the bucket has had versioning: a generated id, or
   * `null` for an object written while versioning was suspended. Undefined
   * for objects written before versioning was ever enabled (OSS's "null"
   * version too).
   */
  readonly versionId?: string | undefined;
}

/** A bucket's versioning state: never enabled (undefined), Enabled, or Suspended. */
export type VersioningStatus = 'Enabled' | 'Suspended';

/** The version id OSS gives objects written with versioning off or suspended. */
export const NULL_VERSION = 'null';

/** The sidecar record of an object, tied to the exact file it describes. */
interface StoredMeta extends ObjectInfo {
  readonly v: 1;
  readonly ino: number;
  readonly mtimeMs: number;
}

/** One version of an object, and whether it is the current one. */
export interface ObjectVersion {
  readonly info: ObjectInfo;
  readonly current: boolean;
}

export interface OpenedObject {
  readonly info: ObjectInfo;
  /** Open for reading; the caller closes it (or lets a read stream do so). */
  readonly handle: FileHandle;
}

export interface PutRequest {
  readonly contentType: string | undefined;
  readonly userMeta: readonly (readonly [string, string])[];
  readonly headers: readonly (readonly [string, string])[];
  readonly storageClass: string;
  /** The Content-MD5 the client sent, decoded (16 bytes). */
  readonly expectedMd5: Buffer | undefined;
  /** A real x-oss-content-sha256 a V4 signature covers (hex). */
  readonly expectedSha256: string | undefined;
  readonly forbidOverwrite: boolean;
}

export type PutOutcome =
  | { readonly ok: true; readonly info: ObjectInfo }
  | { readonly ok: false; readonly reason: 'md5' | 'sha256' | 'exists' | 'aborted' | 'noBucket' | 'blocked' };

export interface BucketInfo {
  readonly name: string;
  readonly createdMs: number;
}

export interface ListRequest {
  readonly prefix: string;
  readonly delimiter: string;
  readonly after: string;
  readonly maxKeys: number;
}

export interface ListResult {
  readonly objects: readonly ObjectInfo[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  /** The last key or common prefix returned (NextMarker / continuation point), when truncated. */
  readonly next: string | undefined;
}

export type Log = (line: string) => void;

const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;
/** How many listed objects are described at once (file-system calls in flight). */
const LIST_CONCURRENCY = 16;

export function isValidBucketName(name: string): boolean {
  return BUCKET_NAME.test(name);
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function isMissing(error: unknown): boolean {
  const code = errno(error);
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG';
}

/** MD5, CRC-64 (and SHA-256 when asked) of the bytes flowing through. */
class Digester extends Transform {
  readonly md5: Hash = createHash('md5');
  readonly crc = new Crc64Ecma();
  readonly sha256: Hash | undefined;
  bytes = 0;

  constructor(withSha256: boolean) {
    super();
    this.sha256 = withSha256 ? createHash('sha256') : undefined;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.md5.update(chunk);
    this.crc.update(chunk);
    this.sha256?.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

/**
 * Buckets and objects on the file system: `<root>/<bucket>/<key path>` (see
 * keyToPath for the names), metadata in `<root>/.ossduck/meta/<bucket>/`, and
 * uploads written to `<root>/.ossduck/tmp/` and renamed into place, so a
 * reader sees the old object or the new one, never part of one. Bodies are
 * streamed, never held in memory. Files copied in by hand are objects too:
 * their ETag and CRC are computed on first use and remembered.
 *
 * One emulator process per root: structure changes are serialised per bucket
 * inside the process, not across processes.
 */
export class ObjectStore {
  readonly root: string;
  readonly #clock: () => number;
  readonly #log: Log;
  readonly #lock = new KeyedMutex();
  readonly #tmpDir: string;
  readonly #metaDir: string;
  readonly #versionsDir: string;
  readonly #bucketsDir: string;

  private constructor(root: string, clock: () => number, log: Log) {
    this.root = root;
    this.#clock = clock;
    this.#log = log;
    this.#tmpDir = join(root, SYSTEM_DIR, 'tmp');
    this.#metaDir = join(root, SYSTEM_DIR, 'meta');
    this.#versionsDir = join(root, SYSTEM_DIR, 'versions');
    this.#bucketsDir = join(root, SYSTEM_DIR, 'buckets');
  }

  /** Opens (creating if needed) a store rooted at `root`, clearing uploads a crash left behind. */
  static async open(root: string, clock: () => number, log: Log): Promise<ObjectStore> {
    await mkdir(root, { recursive: true });
    const store = new ObjectStore(await realpath(root), clock, log);
    await mkdir(store.#tmpDir, { recursive: true });
    await mkdir(store.#metaDir, { recursive: true });
    for (const name of await readdir(store.#tmpDir)) {
      const path = join(store.#tmpDir, name);
      const st = await lstat(path).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > STALE_UPLOAD_MS) await rm(path, { force: true, recursive: true });
    }
    return store;
  }

  // ---- buckets ---------------------------------------------------------

  #bucketDir(bucket: string): string {
    return join(this.root, bucket);
  }

  async bucket(name: string): Promise<BucketInfo | undefined> {
    if (!isValidBucketName(name)) return undefined;
    try {
      const st = await lstat(this.#bucketDir(name));
      return st.isDirectory() ? { name, createdMs: st.birthtimeMs || st.mtimeMs } : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async listBuckets(prefix: string): Promise<BucketInfo[]> {
    const found: BucketInfo[] = [];
    for (const name of (await readdir(this.root)).sort()) {
      if (!name.startsWith(prefix)) continue;
      const info = await this.bucket(name);
      if (info) found.push(info);
    }
    return found;
  }

  /** Creates a bucket folder; false if it existed. */
  async createBucket(name: string): Promise<boolean> {
    try {
      await mkdir(this.#bucketDir(name));
      return true;
    } catch (error) {
      if (errno(error) === 'EEXIST') return false;
      throw error;
    }
  }

  /** Removes an empty bucket: 'deleted', 'missing' or 'notEmpty'. */
  async deleteBucket(name: string): Promise<'deleted' | 'missing' | 'notEmpty'> {
    return this.#lock.run(name, async () => {
      if (!(await this.bucket(name))) return 'missing';
      const dir = this.#bucketDir(name);
      if (await holdsFiles(dir)) return 'notEmpty';
      await rm(dir, { recursive: true, force: true });
      await rm(join(this.#metaDir, name), { recursive: true, force: true });
      await rm(join(this.#versionsDir, name), { recursive: true, force: true });
      await rm(this.#bucketConfigPath(name), { force: true });
      return 'deleted';
    });
  }

  #bucketConfigPath(bucket: string): string {
    return join(this.#bucketsDir, `${bucket}.json`);
  }

  /** The bucket's versioning state; undefined when it was never enabled. */
  async versioning(bucket: string): Promise<VersioningStatus | undefined> {
    try {
      const config = JSON.parse(await readFile(this.#bucketConfigPath(bucket), 'utf8')) as { versioning?: string };
      return config.versioning === 'Enabled' || config.versioning === 'Suspended' ? config.versioning : undefined;
    } catch {
      return undefined;
    }
  }

  /** PutBucketVersioning: Enabled or Suspended (once enabled, versioning can be suspended, never turned off). */
  async setVersioning(bucket: string, status: VersioningStatus): Promise<void> {
    await this.#lock.run(bucket, async () => {
      await mkdir(this.#bucketsDir, { recursive: true });
      const tmp = join(this.#tmpDir, `${randomUUID()}.bucket`);
      await writeFile(tmp, JSON.stringify({ versioning: status }), { flag: 'wx' });
      await rename(tmp, this.#bucketConfigPath(bucket));
    });
  }

  /** Where the kept versions of `key` live: `.ossduck/versions/<bucket>/<hh>/<sha256(key)>/`. */
  #versionDir(bucket: string, key: string): string {
    const hash = createHash('sha256').update(key, 'utf8').digest('hex');
    return join(this.#versionsDir, bucket, hash.slice(0, 2), hash);
  }

  /** A kept version's data file and metadata, named by the SHA-256 of its id (ids are client text). */
  #versionPaths(bucket: string, key: string, versionId: string): { data: string; meta: string } {
    const name = createHash('sha256').update(versionId, 'utf8').digest('hex');
    const dir = this.#versionDir(bucket, key);
    return { data: join(dir, `${name}.data`), meta: join(dir, `${name}.json`) };
  }

  /**
   * Keeps a version: a copy of its bytes (a reflink where the file system
   * can, so usually no bytes are written twice; never a hard link, which a
   * file edited in place by hand would change) and its metadata, under
   * `.ossduck/versions/`.
   */
  async #keepVersion(bucket: string, file: string, meta: ObjectInfo & { versionId: string }): Promise<void> {
    const paths = this.#versionPaths(bucket, meta.key, meta.versionId);
    await mkdir(dirname(paths.data), { recursive: true });
    const tmp = join(this.#tmpDir, `${randomUUID()}.version`);
    await copyFile(file, tmp, constants.COPYFILE_FICLONE);
    await rename(tmp, paths.data);
    const metaTmp = join(this.#tmpDir, `${randomUUID()}.meta`);
    await writeFile(metaTmp, JSON.stringify(infoOf({ ...meta, v: 1, ino: 0, mtimeMs: 0 })), { flag: 'wx' });
    await rename(metaTmp, paths.meta);
  }

  async #dropVersion(bucket: string, key: string, versionId: string): Promise<void> {
    const paths = this.#versionPaths(bucket, key, versionId);
    await rm(paths.data, { force: true });
    await rm(paths.meta, { force: true });
  }

  /**
   * Before the current object of `key` is replaced or deleted in a bucket
   * with versioning: with versioning Enabled, an object without a version id
   * of its own (written before versioning, or while it was suspended) is kept
   * as the `null` version; with versioning Suspended, the `null` version is
   * the one being replaced, so a kept copy of it goes. Objects with an id of
   * their own were kept when they were written.
   */
  async #keepCurrent(bucket: string, key: string, status: VersioningStatus): Promise<void> {
    if (status === 'Suspended') return this.#dropVersion(bucket, key, NULL_VERSION);
    const current = await this.#openFile(bucket, keyToPath(key));
    if (!current) return;
    try {
      // The caller holds the bucket lock (a sidecar computed here is written without taking it again).
      const info = await this.#describe(bucket, key, current.stats, current.path, current.handle, true);
      if (info && (info.versionId === undefined || info.versionId === NULL_VERSION)) {
        await this.#keepVersion(bucket, current.path, { ...info, versionId: NULL_VERSION });
      }
    } finally {
      await current.handle.close();
    }
  }

  /**
   * Opens a version of an object: the current object when it is that
   * version, else a kept one; undefined when there is no such version.
   * `null` names the object written without versioning.
   */
  async openVersion(bucket: string, key: string, versionId: string): Promise<OpenedObject | undefined> {
    const current = await this.open(bucket, key);
    if (current && (current.info.versionId ?? NULL_VERSION) === versionId) return current;
    await current?.handle.close();
    const paths = this.#versionPaths(bucket, key, versionId);
    let meta: ObjectInfo;
    try {
      meta = JSON.parse(await readFile(paths.meta, 'utf8')) as ObjectInfo;
    } catch {
      return undefined;
    }
    if (meta.key !== key || meta.versionId !== versionId) return undefined;
    const handle = await this.#openInside(paths.data);
    if (!handle) return undefined;
    return { info: meta, handle };
  }

  /**
   * Every version of `key` held: the current object first, then the kept
   * versions, newest first (what ListObjectVersions would list, without
   * delete markers, which are not emulated).
   */
  async versions(bucket: string, key: string): Promise<ObjectVersion[]> {
    const current = await this.head(bucket, key);
    const currentId = current ? (current.versionId ?? NULL_VERSION) : undefined;
    const kept: ObjectVersion[] = [];
    const dir = this.#versionDir(bucket, key);
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (!name.endsWith('.json')) continue;
      let meta: ObjectInfo | undefined;
      try {
        meta = JSON.parse(await readFile(join(dir, name), 'utf8')) as ObjectInfo;
      } catch {
        continue;
      }
      if (meta.key === key && meta.versionId !== undefined && meta.versionId !== currentId) kept.push({ info: meta, current: false });
    }
    kept.sort((a, b) => b.info.lastModifiedMs - a.info.lastModifiedMs);
    return current ? [{ info: current, current: true }, ...kept] : kept;
  }

  // ---- reading ---------------------------------------------------------

  /** Opens an object for reading, or undefined if there is none. */
  async open(bucket: string, key: string): Promise<OpenedObject | undefined> {
    const names = keyToPath(key);
    let found = await this.#openFile(bucket, names);
    // A miss may be an object being moved into %self right now: look again
    // while no structure change can be under way.
    found ??= await this.#lock.run(bucket, () => this.#openFile(bucket, names));
    if (!found) return undefined;
    try {
      const info = await this.#describe(bucket, key, found.stats, found.path, found.handle);
      if (!info) throw OssError.io(`the emulator could not read ${found.path}`);
      return { info, handle: found.handle };
    } catch (error) {
      await found.handle.close();
      throw error;
    }
  }

  async head(bucket: string, key: string): Promise<ObjectInfo | undefined> {
    const opened = await this.open(bucket, key);
    if (!opened) return undefined;
    await opened.handle.close();
    return opened.info;
  }

  async #openFile(bucket: string, names: readonly string[]): Promise<{ handle: FileHandle; stats: Stats; path: string } | undefined> {
    let path = join(this.#bucketDir(bucket), ...names);
    let handle = await this.#openInside(path);
    if (!handle) return undefined;
    let stats = await handle.stat();
    if (stats.isDirectory()) {
      await handle.close();
      path = join(path, SELF_NAME);
      handle = await this.#openInside(path);
      if (!handle) return undefined;
      stats = await handle.stat();
    }
    if (!stats.isFile()) {
      await handle.close();
      return undefined;
    }
    return { handle, stats, path };
  }

  /** Opens a path for reading if it exists, is no symlink, and lies inside the root. */
  async #openInside(path: string): Promise<FileHandle | undefined> {
    let handle: FileHandle;
    try {
      handle = await open(path, READ_FLAGS);
    } catch (error) {
      if (isMissing(error) || errno(error) === 'EISDIR') return undefined;
      throw error;
    }
    try {
      const real = await realpath(path);
      if (!real.startsWith(this.root + sep)) {
        this.#log(`ignoring ${path}: it resolves outside the emulator root`);
        await handle.close();
        return undefined;
      }
    } catch (error) {
      await handle.close();
      if (isMissing(error)) return undefined;
      throw error;
    }
    return handle;
  }

  #metaPath(bucket: string, key: string): string {
    const hash = createHash('sha256').update(key, 'utf8').digest('hex');
    return join(this.#metaDir, bucket, hash.slice(0, 2), `${hash}.json`);
  }

  async #readMeta(bucket: string, key: string): Promise<StoredMeta | undefined> {
    try {
      const meta = JSON.parse(await readFile(this.#metaPath(bucket, key), 'utf8')) as StoredMeta;
      return meta.v === 1 && meta.key === key ? meta : undefined;
    } catch {
      return undefined;
    }
  }

  async #writeMeta(bucket: string, meta: StoredMeta): Promise<void> {
    const path = this.#metaPath(bucket, meta.key);
    const tmp = join(this.#tmpDir, `${randomUUID()}.meta`);
    await writeFile(tmp, JSON.stringify(meta), { flag: 'wx' });
    try {
      await rename(tmp, path);
    } catch (error) {
      // The sidecar folder is made on first need only: one call fewer per object written.
      if (errno(error) !== 'ENOENT') {
        await rm(tmp, { force: true });
        throw error;
      }
      await mkdir(dirname(path), { recursive: true });
      await rename(tmp, path);
    }
  }

  /**
   * The object's metadata: the sidecar if it still describes this very file
   * (same inode, size and mtime), else computed from the content (a file
   * copied in or replaced by hand) and remembered. Reads through `handle`
   * when given, else opens the file (undefined if it vanished meanwhile).
   * `holdsLock`: the caller already holds the bucket lock (taking it again
   * would wait forever).
   */
  async #describe(bucket: string, key: string, stats: Stats, path: string, handle?: FileHandle, holdsLock = false): Promise<ObjectInfo | undefined> {
    const described = await this.#describeUnremembered(bucket, key, stats, path, handle);
    if (described?.computed) await this.#remember(bucket, [{ path, stats, meta: described.computed }], holdsLock);
    return described?.info;
  }

  /** `#describe` without writing the sidecar: a computed record is handed back for `#remember`. */
  async #describeUnremembered(
    bucket: string,
    key: string,
    stats: Stats,
    path: string,
    handle?: FileHandle,
  ): Promise<{ info: ObjectInfo; computed?: StoredMeta } | undefined> {
    const meta = await this.#readMeta(bucket, key);
    if (meta && meta.ino === stats.ino && meta.size === stats.size && meta.mtimeMs === stats.mtimeMs) return { info: infoOf(meta) };
    const reader = handle ?? (await this.#openInside(path));
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
    return { info: infoOf(computed), computed };
  }

  /**
   * Writes computed sidecars, each only if its path still holds the file that
   * was read (an upload may have replaced it meanwhile, with metadata of its
   * own). One hold of the bucket lock covers the whole batch, with the writes
   * in parallel: a listing of files copied in by hand remembers a page of
   * them at once rather than queueing object by object behind the lock.
   */
  async #remember(bucket: string, items: readonly { path: string; stats: Stats; meta: StoredMeta }[], holdsLock = false): Promise<void> {
    if (items.length === 0) return;
    const write = async (): Promise<void> => {
      await mapConcurrently(items, LIST_CONCURRENCY, async ({ path, stats, meta }) => {
        const now = await stat(path).catch(() => undefined);
        if (now && now.ino === stats.ino && now.mtimeMs === stats.mtimeMs) await this.#writeMeta(bucket, meta);
      });
    };
    if (holdsLock) await write();
    else await this.#lock.run(bucket, write);
  }

  // ---- writing ---------------------------------------------------------

  /**
   * Streams a body into a new object: to a temporary file first (with MD5,
   * CRC-64 and, if asked, SHA-256 computed on the way), then checked, then
   * renamed into place. Concurrent uploads of one key leave one of them whole.
   */
  async put(bucket: string, key: string, body: Readable, request: PutRequest): Promise<PutOutcome> {
    if (!(await this.bucket(bucket))) return { ok: false, reason: 'noBucket' };
    const tmp = join(this.#tmpDir, `${randomUUID()}.part`);
    const digester = new Digester(request.expectedSha256 !== undefined);
    try {
      await pipeline(body, digester, createWriteStream(tmp, { flags: 'wx', mode: 0o644 }));
    } catch {
      await rm(tmp, { force: true });
      return { ok: false, reason: 'aborted' };
    }
    const md5 = digester.md5.digest();
    if (request.expectedMd5 && !md5.equals(request.expectedMd5)) {
      await rm(tmp, { force: true });
      return { ok: false, reason: 'md5' };
    }
    if (request.expectedSha256 !== undefined && digester.sha256?.digest('hex') !== request.expectedSha256) {
      await rm(tmp, { force: true });
      return { ok: false, reason: 'sha256' };
    }
    const stats = await stat(tmp);
    const meta: StoredMeta = {
      v: 1,
      key,
      size: stats.size,
      etag: md5.toString('hex').toUpperCase(),
      crc64: digester.crc.digest(),
      lastModifiedMs: Math.floor(this.#clock() / 1000) * 1000,
      contentType: request.contentType ?? contentTypeOf(key),
      userMeta: request.userMeta,
      headers: request.headers,
      storageClass: request.storageClass,
      ino: stats.ino,
      mtimeMs: stats.mtimeMs,
    };
    try {
      return await this.#lock.run(bucket, async () => {
        const names = keyToPath(key);
        if (request.forbidOverwrite) {
          const existing = await this.#openFile(bucket, names);
          if (existing) {
            await existing.handle.close();
            return { ok: false, reason: 'exists' } as const;
          }
        }
        const status = await this.versioning(bucket);
        const versioned: StoredMeta =
          status === undefined ? meta : { ...meta, versionId: status === 'Enabled' ? newVersionId() : NULL_VERSION };
        if (status !== undefined) await this.#keepCurrent(bucket, key, status);
        const target = await this.#prepareTarget(bucket, names);
        if (target === undefined) return { ok: false, reason: 'blocked' } as const;
        if (versioned.versionId !== undefined && versioned.versionId !== NULL_VERSION) {
          await this.#keepVersion(bucket, tmp, { ...infoOf(versioned), versionId: versioned.versionId });
        }
        await this.#writeMeta(bucket, versioned);
        await rename(tmp, target);
        return { ok: true, info: infoOf(versioned) } as const;
      });
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /**
   * Creates the folders above an object and returns where its file goes. A
   * folder level that is an object's file moves into `<name>/%self`; a target
   * that is a folder takes the object as its `%self`. Symbolic links (and
   * other special files someone put in the root) are never passed through:
   * undefined then.
   */
  async #prepareTarget(bucket: string, names: readonly string[]): Promise<string | undefined> {
    let dir = this.#bucketDir(bucket);
    for (const name of names.slice(0, -1)) {
      const next = join(dir, name);
      try {
        await mkdir(next);
      } catch (error) {
        if (errno(error) !== 'EEXIST') throw error;
        const st = await lstat(next);
        if (st.isFile()) {
          const moving = join(this.#tmpDir, `${randomUUID()}.move`);
          await rename(next, moving);
          await mkdir(next);
          await rename(moving, join(next, SELF_NAME));
        } else if (!st.isDirectory()) {
          this.#log(`refusing to write below ${next}: not a folder or an object file`);
          return undefined;
        }
      }
      dir = next;
    }
    const last = join(dir, names[names.length - 1]!);
    const st = await lstat(last).catch(() => undefined);
    if (st?.isDirectory()) return join(last, SELF_NAME);
    if (st && !st.isFile()) {
      this.#log(`refusing to replace ${last}: not a folder or an object file`);
      return undefined;
    }
    return last;
  }

  /** Deletes an object if it exists; removes folders it leaves empty. */
  async delete(bucket: string, key: string): Promise<void> {
    const bucketDir = this.#bucketDir(bucket);
    await this.#lock.run(bucket, async () => {
      const status = await this.versioning(bucket);
      if (status !== undefined) await this.#keepCurrent(bucket, key, status);
      const found = await this.#openFile(bucket, keyToPath(key));
      if (!found) return;
      await found.handle.close();
      await unlink(found.path);
      await rm(this.#metaPath(bucket, key), { force: true });
      for (let dir = dirname(found.path); dir.startsWith(bucketDir + sep); dir = dirname(dir)) {
        try {
          await rmdir(dir);
        } catch {
          break;
        }
      }
    });
  }

  // ---- listing ---------------------------------------------------------

  async list(bucket: string, request: ListRequest): Promise<ListResult> {
    const items: ({ key: string; fsPath: string } | string)[] = [];
    let isTruncated = false;
    const walk = walkBucket(this.#bucketDir(bucket), request, (path, why) => this.#log(`listing skips ${path}: ${why}`));
    for await (const item of walk) {
      if (items.length >= request.maxKeys) {
        isTruncated = true;
        break;
      }
      items.push(item.kind === 'prefix' ? item.prefix : { key: item.key, fsPath: item.fsPath });
    }
    const commonPrefixes = items.filter((item): item is string => typeof item === 'string');
    const toRemember: { path: string; stats: Stats; meta: StoredMeta }[] = [];
    const described = await mapConcurrently(
      items.filter((item): item is { key: string; fsPath: string } => typeof item !== 'string'),
      LIST_CONCURRENCY,
      async (item) => {
        // The walk passed no symbolic link, so a regular file here lies inside the root.
        const stats = await lstat(item.fsPath).catch(() => undefined);
        if (!stats?.isFile()) return undefined;
        const found = await this.#describeUnremembered(bucket, item.key, stats, item.fsPath);
        if (found?.computed) toRemember.push({ path: item.fsPath, stats, meta: found.computed });
        return found?.info;
      },
    );
    await this.#remember(bucket, toRemember);
    const objects = described.filter((info): info is ObjectInfo => info !== undefined);
    const last = items[items.length - 1];
    return { objects, commonPrefixes, isTruncated, next: isTruncated && last !== undefined ? (typeof last === 'string' ? last : last.key) : undefined };
  }
}

function infoOf(meta: StoredMeta): ObjectInfo {
  return {
    key: meta.key,
    size: meta.size,
    etag: meta.etag,
    crc64: meta.crc64,
    lastModifiedMs: meta.lastModifiedMs,
    contentType: meta.contentType,
    userMeta: meta.userMeta,
    headers: meta.headers,
    storageClass: meta.storageClass,
    ...(meta.versionId === undefined ? {} : { versionId: meta.versionId }),
  };
}

/** A version id in the shape OSS gives them: `CAEQ` and 40 URL-safe characters. */
function newVersionId(): string {
  return `CAEQ${randomBytes(30).toString('base64url')}`;
}

/** `map` with at most `limit` calls in flight, results in input order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const at = next++;
      results[at] = await fn(items[at]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function holdsFiles(dir: string): Promise<boolean> {
  for (const d of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (d.isFile() || d.isSymbolicLink()) return true;
    if (d.isDirectory() && (await holdsFiles(join(dir, d.name)))) return true;
  }
  return false;
}
