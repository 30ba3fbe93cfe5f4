import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OssError } from '../oss/OssError.js';
import type { ConfinedFs } from './ConfinedFs.js';
import { infoOf } from './ObjectInfo.js';
import type { ObjectInfo, VersioningStatus } from './ObjectInfo.js';

/**
 * Kept versions of objects and each bucket's versioning state, under the
 * hidden folder: `versions/<bucket>/<hh>/<sha256(key)>/<sha256(versionId)>.data`
 * (the bytes) and `.json` (the metadata, with the version id), and
 * `buckets/<bucket>.json` (`{"versioning": "Enabled" | "Suspended"}`).
 */
export class VersionStore {
  readonly #fs: ConfinedFs;
  readonly #versionsDir: string;
  readonly #bucketsDir: string;
  readonly #tmpDir: string;

  constructor(fs: ConfinedFs, systemDir: string, tmpDir: string) {
    this.#fs = fs;
    this.#versionsDir = join(systemDir, 'versions');
    this.#bucketsDir = join(systemDir, 'buckets');
    this.#tmpDir = tmpDir;
  }

  #configPath(bucket: string): string {
    return join(this.#bucketsDir, `${bucket}.json`);
  }

  /** The bucket's versioning state; undefined when it was never enabled. */
  async status(bucket: string): Promise<VersioningStatus | undefined> {
    try {
      const bytes = await this.#fs.readFile(this.#configPath(bucket));
      if (!bytes) return undefined;
      const config = JSON.parse(bytes.toString('utf8')) as { versioning?: string };
      return config.versioning === 'Enabled' || config.versioning === 'Suspended' ? config.versioning : undefined;
    } catch {
      return undefined;
    }
  }

  async setStatus(bucket: string, status: VersioningStatus): Promise<void> {
    await this.#fs.writeAtomically(this.#configPath(bucket), JSON.stringify({ versioning: status }), this.#tmpDir);
  }

  /** Removes a bucket's versions and settings (DeleteBucket). */
  async forgetBucket(bucket: string): Promise<void> {
    await this.#fs.removeTree(join(this.#versionsDir, bucket));
    await this.#fs.unlink(this.#configPath(bucket));
  }

  /** The folder of a key's kept versions. */
  #keyDir(bucket: string, key: string): string {
    const keyHash = createHash('sha256').update(key, 'utf8').digest('hex');
    return join(this.#versionsDir, bucket, keyHash.slice(0, 2), keyHash);
  }

  /** A version's data file and metadata, named by the SHA-256 of its id (ids are client text). */
  #paths(bucket: string, key: string, versionId: string): { data: string; meta: string } {
    const name = createHash('sha256').update(versionId, 'utf8').digest('hex');
    const dir = this.#keyDir(bucket, key);
    return { data: join(dir, `${name}.data`), meta: join(dir, `${name}.json`) };
  }

  /** The metadata of every kept version of `key`, newest first. */
  async list(bucket: string, key: string): Promise<ObjectInfo[]> {
    const dir = this.#keyDir(bucket, key);
    const kept: ObjectInfo[] = [];
    for (const entry of await this.#fs.readdir(dir)) {
      if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
      try {
        const bytes = await this.#fs.readFile(join(dir, entry.name));
        const meta = bytes && (JSON.parse(bytes.toString('utf8')) as ObjectInfo);
        if (meta && meta.key === key && meta.versionId !== undefined) kept.push(meta);
      } catch {
        // A metadata file that cannot be read names no version.
      }
    }
    return kept.sort((a, b) => b.lastModifiedMs - a.lastModifiedMs);
  }

  /**
   * Keeps a version: a copy of its bytes (a reflink where the file system
   * can, so usually no bytes are written twice; never a hard link, which a
   * file edited in place by hand would change) and its metadata. `source`
   * names the bytes now (a path through an open descriptor).
   */
  async keep(bucket: string, source: string, meta: ObjectInfo & { versionId: string }): Promise<void> {
    const paths = this.#paths(bucket, meta.key, meta.versionId);
    const tmp = await this.#fs.makeFolders(this.#tmpDir);
    if (!tmp) throw OssError.io(`the emulator's temporary folder ${this.#tmpDir} is not a folder`);
    const name = `${randomUUID()}.version`;
    try {
      await copyFile(source, tmp.at(name), constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL);
      const dir = await this.#fs.makeFolders(dirname(paths.data));
      if (!dir) throw OssError.io(`the emulator cannot keep a version under ${paths.data}: a level of it is not a folder`);
      try {
        await rename(tmp.at(name), dir.at(basename(paths.data)));
      } finally {
        await dir.close();
      }
    } finally {
      await unlink(tmp.at(name)).catch(() => undefined);
      await tmp.close();
    }
    const record = infoOf({ ...meta, v: 1, ino: 0, mtimeMs: 0 });
    await this.#fs.writeAtomically(paths.meta, JSON.stringify(record), this.#tmpDir);
  }

  async drop(bucket: string, key: string, versionId: string): Promise<void> {
    const paths = this.#paths(bucket, key, versionId);
    await this.#fs.unlink(paths.data);
    await this.#fs.unlink(paths.meta);
  }

  /** A kept version, open for reading; undefined when there is none. */
  async open(bucket: string, key: string, versionId: string): Promise<{ info: ObjectInfo; handle: FileHandle } | undefined> {
    const paths = this.#paths(bucket, key, versionId);
    let meta: ObjectInfo;
    try {
      const bytes = await this.#fs.readFile(paths.meta);
      if (!bytes) return undefined;
      meta = JSON.parse(bytes.toString('utf8')) as ObjectInfo;
    } catch {
      return undefined;
    }
    if (meta.key !== key || meta.versionId !== versionId) return undefined;
    const handle = await this.#fs.openFile(paths.data);
    return handle && { info: meta, handle };
  }
}
