import { randomBytes, randomUUID } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OssError } from '../oss/OssError.js';
import { CREATE_FLAGS, ConfinedFs, isMissing } from './ConfinedFs.js';
import type { Folder } from './ConfinedFs.js';
import { contentTypeOf } from './contentTypeOf.js';
import { Digester } from './Digester.js';
import { stampOf } from './FileIdentity.js';
import { FolderCache } from './FolderCache.js';
import { KeyedMutex } from './KeyedMutex.js';
import { SELF_NAME, keyToPath } from './keyToPath.js';
import { listObjects } from './listObjects.js';
import { objectTarget } from './objectTarget.js';
import { NULL_VERSION, infoOf } from './ObjectInfo.js';
import type { BucketInfo, ListRequest, ListResult, ObjectInfo, ObjectVersion, OpenedObject, PutOutcome, PutRequest, StoredMeta, VersioningStatus } from './ObjectInfo.js';
import { Sidecars } from './Sidecars.js';
import type { Computed } from './Sidecars.js';
import { VersionStore } from './VersionStore.js';
import { walkBucket } from './walkBucket.js';

export type { BucketInfo, ListRequest, ListResult, ObjectInfo, ObjectVersion, OpenedObject, PutOutcome, PutRequest, VersioningStatus } from './ObjectInfo.js';
export { NULL_VERSION } from './ObjectInfo.js';

/** The hidden folder under the root that holds metadata and uploads in progress; never a bucket (bucket names have no dot). */
export const SYSTEM_DIR = '.ossduck';

export type Log = (line: string) => void;

const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;

export function isValidBucketName(name: string): boolean {
  return BUCKET_NAME.test(name);
}

/**
 * Buckets and objects on the file system: `<root>/<bucket>/<key path>` (see
 * keyToPath for the names), metadata in `<root>/.ossduck/meta/<bucket>/`, and
 * uploads written to `<root>/.ossduck/tmp/` and renamed into place, so a
 * reader sees the old object or the new one, never part of one. Bodies are
 * streamed, never held in memory. Files copied in by hand are objects too:
 * their ETag and CRC are computed on first use and remembered. Every file
 * and folder is reached through ConfinedFs: no symbolic link is followed,
 * and none swapped in while a request runs leads outside the root.
 *
 * One emulator process per root: structure changes are serialised per bucket
 * inside the process, not across processes.
 */
export class ObjectStore {
  readonly root: string;
  readonly #fs: ConfinedFs;
  readonly #clock: () => number;
  readonly #log: Log;
  readonly #lock = new KeyedMutex();
  readonly #tmpDir: string;
  readonly #metaDir: string;
  readonly #sidecars: Sidecars;
  readonly #versions: VersionStore;
  readonly #folders = new FolderCache();

  private constructor(fs: ConfinedFs, clock: () => number, log: Log) {
    this.#fs = fs;
    this.root = fs.root;
    this.#clock = clock;
    this.#log = log;
    this.#tmpDir = join(this.root, SYSTEM_DIR, 'tmp');
    this.#metaDir = join(this.root, SYSTEM_DIR, 'meta');
    this.#sidecars = new Sidecars(fs, this.#metaDir, this.#tmpDir);
    this.#versions = new VersionStore(fs, join(this.root, SYSTEM_DIR), this.#tmpDir);
  }

  /** Opens (creating if needed) a store rooted at `root`, clearing uploads a crash left behind. */
  static async open(root: string, clock: () => number, log: Log): Promise<ObjectStore> {
    const store = new ObjectStore(await ConfinedFs.open(root, log), clock, log);
    const tmp = await store.#tmpFolder();
    try {
      const meta = await store.#fs.makeFolders(store.#metaDir);
      if (!meta) throw OssError.io(`the emulator's metadata folder ${store.#metaDir} is not a folder`);
      await meta.close();
      for (const entry of await tmp.list()) {
        const st = await tmp.lstat(entry.name);
        if (st && Date.now() - st.mtimeMs > STALE_UPLOAD_MS) await store.#fs.removeTree(join(store.#tmpDir, entry.name));
      }
    } finally {
      await tmp.close();
    }
    return store;
  }

  /** The folder uploads are written to before they are renamed into place. */
  async #tmpFolder(): Promise<Folder> {
    const tmp = await this.#fs.makeFolders(this.#tmpDir);
    if (!tmp) throw OssError.io(`the emulator's temporary folder ${this.#tmpDir} is not a folder`);
    return tmp;
  }

  // ---- buckets ---------------------------------------------------------

  #bucketDir(bucket: string): string {
    return join(this.root, bucket);
  }

  async bucket(name: string): Promise<BucketInfo | undefined> {
    if (!isValidBucketName(name)) return undefined;
    try {
      // The root was resolved at open and lstat does not follow the last name: a link here is no bucket.
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
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  /** Removes an empty bucket: 'deleted', 'missing' or 'notEmpty'. */
  async deleteBucket(name: string): Promise<'deleted' | 'missing' | 'notEmpty'> {
    return this.#lock.run(name, async () => {
      if (!(await this.bucket(name))) return 'missing';
      const dir = this.#bucketDir(name);
      const folder = await this.#fs.folder(dir);
      if (!folder) return 'missing';
      try {
        if (await folder.holdsFiles()) return 'notEmpty';
      } finally {
        await folder.close();
      }
      this.#folders.forgetBelow(dir);
      this.#sidecars.forgetBucket(name);
      await this.#fs.removeTree(dir);
      await this.#fs.removeTree(join(this.#metaDir, name));
      await this.#versions.forgetBucket(name);
      return 'deleted';
    });
  }

  /** The bucket's versioning state; undefined when it was never enabled. */
  async versioning(bucket: string): Promise<VersioningStatus | undefined> {
    return this.#versions.status(bucket);
  }

  /** PutBucketVersioning: Enabled or Suspended (once enabled, versioning can be suspended, never turned off). */
  async setVersioning(bucket: string, status: VersioningStatus): Promise<void> {
    await this.#lock.run(bucket, () => this.#versions.setStatus(bucket, status));
  }

  /**
   * Before the current object of `key` is replaced or deleted in a bucket
   * with versioning: with versioning Enabled, an object without a version id
   * of its own (written before versioning, or while it was suspended) is kept
   * as the `null` version; with versioning Suspended, the `null` version is
   * the one being replaced, so a kept copy of it goes. Objects with an id of
   * their own were kept when they were written. The caller holds the bucket lock.
   */
  async #keepCurrent(bucket: string, key: string, status: VersioningStatus): Promise<void> {
    if (status === 'Suspended') return this.#versions.drop(bucket, key, NULL_VERSION);
    const current = await this.#openFile(bucket, keyToPath(key));
    if (!current) return;
    try {
      const info = await this.#describe(bucket, key, current.stats, current.path, current.handle, true);
      if (info && (info.versionId === undefined || info.versionId === NULL_VERSION)) {
        await this.#versions.keep(bucket, this.#fs.handlePath(current.handle, current.path), { ...info, versionId: NULL_VERSION });
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
    return this.#versions.open(bucket, key, versionId);
  }

  /** Every version of `key` held, the current one first, then kept ones newest first (no delete markers). */
  async versions(bucket: string, key: string): Promise<ObjectVersion[]> {
    const current = await this.head(bucket, key);
    const kept = (await this.#versions.list(bucket, key)).filter((info) => !current || info.versionId !== (current.versionId ?? NULL_VERSION));
    return [...(current ? [{ info: current, current: true }] : []), ...kept.map((info) => ({ info, current: false }))];
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

  /** The object file at `names` (or its `%self` when `names` is a folder), opened and checked, with its stats. */
  async #openFile(bucket: string, names: readonly string[]): Promise<{ handle: FileHandle; stats: Stats; path: string } | undefined> {
    let path = join(this.#bucketDir(bucket), ...names);
    let handle = await this.#fs.openFile(path);
    if (!handle) return undefined;
    let stats = await handle.stat();
    if (stats.isDirectory()) {
      await handle.close();
      path = join(path, SELF_NAME);
      handle = await this.#fs.openFile(path);
      if (!handle) return undefined;
      stats = await handle.stat();
    }
    if (!stats.isFile()) {
      await handle.close();
      return undefined;
    }
    return { handle, stats, path };
  }

  /**
   * The object's metadata (see Sidecars.describe), remembering a computed
   * record. `holdsLock`: the caller already holds the bucket lock (taking it
   * again would wait forever).
   */
  async #describe(bucket: string, key: string, stats: Stats, path: string, handle?: FileHandle, holdsLock = false): Promise<ObjectInfo | undefined> {
    const described = await this.#sidecars.describe(bucket, key, stats, path, handle);
    if (described?.computed) await this.#remember(bucket, [described.computed], holdsLock);
    return described?.info;
  }

  /** Writes computed sidecars in one hold of the bucket lock (a listing remembers a page at once). */
  async #remember(bucket: string, items: readonly Computed[], holdsLock = false): Promise<void> {
    if (items.length === 0) return;
    if (holdsLock) await this.#sidecars.remember(bucket, items);
    else await this.#lock.run(bucket, () => this.#sidecars.remember(bucket, items));
  }

  // ---- writing ---------------------------------------------------------

  /**
   * Streams a body into a new object: to a temporary file first (with MD5,
   * CRC-64 and, if asked, SHA-256 computed on the way), then checked, then
   * renamed into place. Concurrent uploads of one key leave one of them whole.
   */
  async put(bucket: string, key: string, body: Readable, request: PutRequest): Promise<PutOutcome> {
    if (!(await this.bucket(bucket))) return { ok: false, reason: 'noBucket' };
    const tmp = await this.#tmpFolder();
    const part = `${randomUUID()}.part`;
    let committed = false;
    try {
      const digester = new Digester(request.expectedSha256 !== undefined);
      try {
        const file = await open(tmp.at(part), CREATE_FLAGS, 0o644);
        await pipeline(body, digester, file.createWriteStream());
      } catch {
        return { ok: false, reason: 'aborted' };
      }
      const md5 = digester.md5.digest();
      if (request.expectedMd5 && !md5.equals(request.expectedMd5)) return { ok: false, reason: 'md5' };
      if (request.expectedSha256 !== undefined && digester.sha256?.digest('hex') !== request.expectedSha256) return { ok: false, reason: 'sha256' };
      const stats = await lstat(tmp.at(part));
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
      const outcome = await this.#lock.run(bucket, () => this.#commit(bucket, key, tmp, part, meta, request.forbidOverwrite));
      committed = outcome.ok;
      return outcome;
    } finally {
      if (!committed) await unlink(tmp.at(part)).catch(() => undefined);
      await tmp.close();
    }
  }

  /** Moves a checked upload into place (under the bucket lock), keeping versions as the bucket asks. */
  async #commit(bucket: string, key: string, tmp: Folder, part: string, meta: StoredMeta, forbidOverwrite: boolean): Promise<PutOutcome> {
    const names = keyToPath(key);
    if (forbidOverwrite) {
      const existing = await this.#openFile(bucket, names);
      if (existing) {
        await existing.handle.close();
        return { ok: false, reason: 'exists' };
      }
    }
    const status = await this.versioning(bucket);
    const versioned: StoredMeta = status === undefined ? meta : { ...meta, versionId: status === 'Enabled' ? newVersionId() : NULL_VERSION };
    if (status !== undefined) await this.#keepCurrent(bucket, key, status);
    const bucketFolder = await this.#fs.folder(this.#bucketDir(bucket));
    const target = bucketFolder && (await objectTarget(bucketFolder, names, tmp, this.#log));
    if (target === undefined) return { ok: false, reason: 'blocked' };
    try {
      if (versioned.versionId !== undefined && versioned.versionId !== NULL_VERSION) {
        await this.#versions.keep(bucket, tmp.at(part), { ...infoOf(versioned), versionId: versioned.versionId });
      }
      await this.#sidecars.write(bucket, versioned, tmp);
      await rename(tmp.at(part), target.folder.at(target.name));
    } finally {
      await target.folder.close();
    }
    return { ok: true, info: infoOf(versioned) };
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
      if (!(await this.#fs.unlink(found.path))) return;
      await this.#sidecars.remove(bucket, key);
      for (let dir = dirname(found.path); dir.startsWith(bucketDir + sep); dir = dirname(dir)) {
        if (!(await this.#fs.rmdir(dir))) break;
      }
    });
  }

  // ---- listing ---------------------------------------------------------

  /** How many object descriptions and folders listings keep in memory (DescriptionCache, FolderCache). */
  get listingCache(): { descriptions: number; folders: number } {
    return { descriptions: this.#sidecars.described, folders: this.#folders.size };
  }

  async list(bucket: string, request: ListRequest): Promise<ListResult> {
    const readSince = this.#clock();
    const walk = walkBucket(this.#fs, this.#bucketDir(bucket), request, {
      folders: this.#folders,
      readSince,
      onSkip: (path, why) => this.#log(`listing skips ${path}: ${why}`),
    });
    return listObjects(walk, request, {
      now: (item) => this.#sidecars.describeNow(bucket, item.key, item.stats, readSince),
      later: (item) => this.#sidecars.describe(bucket, item.key, stampOf(item.stats), item.fsPath),
      remember: (computed) => this.#remember(bucket, computed),
    });
  }
}

/** A version id in the shape OSS gives them: `CAEQ` and 40 URL-safe characters. */
function newVersionId(): string {
  return `CAEQ${randomBytes(30).toString('base64url')}`;
}
