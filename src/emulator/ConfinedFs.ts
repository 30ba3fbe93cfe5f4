import { randomUUID } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readlinkSync, realpathSync } from 'node:fs';
import type { BigIntStats, Dirent, Stats } from 'node:fs';
import { mkdir, open, readlink, realpath, rename, rmdir, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { OssError } from '../oss/OssError.js';
import { DIR_FLAGS, Folder, errno, isMissing } from './Folder.js';

export { Folder, isMissing } from './Folder.js';

/** Read-only, never through a symbolic link, never blocking on a FIFO someone put in the root. */
export const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
/** A new file, never an existing one or a link. */
export const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Whether this system names open descriptors under /proc/self/fd (Linux). */
async function hasProcFd(): Promise<boolean> {
  let handle: FileHandle | undefined;
  try {
    handle = await open('/', DIR_FLAGS);
    return (await readlink(`/proc/self/fd/${handle.fd}`)) === '/';
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/**
 * The file system below the emulator's root, reached so that no symbolic
 * link, and no folder swapped for one while a request runs (`renameat2` with
 * `RENAME_EXCHANGE`), can lead outside it.
 *
 * - Opening a file or a folder opens its full path with `O_NOFOLLOW`, then
 *   checks what was opened, not the path: the descriptor's own path
 *   (`/proc/self/fd/<fd>`) must be exactly the path asked for. A component
 *   that was a link when the kernel walked the path leaves the descriptor
 *   elsewhere and the open counts as missing. What is read is what was checked.
 * - Changing the tree (create, rename, delete, make folders) happens inside a
 *   folder opened and checked that way, naming the last component through
 *   its descriptor; the last component itself is never followed (`rename`,
 *   `unlink`, `rmdir`, `mkdir` and `O_NOFOLLOW` do not follow it).
 *
 * Without /proc/self/fd (not Linux) the check falls back to `realpath` of the
 * path, which a swap between the open and the check can defeat.
 */
export class ConfinedFs {
  readonly root: string;
  readonly #viaFd: boolean;
  readonly #log: (line: string) => void;

  private constructor(root: string, viaFd: boolean, log: (line: string) => void) {
    this.root = root;
    this.#viaFd = viaFd;
    this.#log = log;
  }

  /** The root made if missing, resolved once (the operator's path may hold links; nothing below it may). */
  static async open(root: string, log: (line: string) => void): Promise<ConfinedFs> {
    await mkdir(root, { recursive: true });
    const viaFd = await hasProcFd();
    if (!viaFd) log('no /proc/self/fd on this system: symbolic links in the root are checked by path, which a concurrent rename can race');
    return new ConfinedFs(await realpath(root), viaFd, log);
  }

  #inside(path: string): void {
    if (path !== this.root && !path.startsWith(this.root + sep)) throw OssError.io(`the emulator was asked for a path outside its root: ${path}`);
  }

  /** Whether an open descriptor is the file or folder at exactly `path`. */
  async #isAt(handle: FileHandle, path: string): Promise<boolean> {
    let actual: Buffer;
    try {
      actual = this.#viaFd ? await readlink(`/proc/self/fd/${handle.fd}`, { encoding: 'buffer' }) : Buffer.from(await realpath(path), 'utf8');
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    return this.#names(actual, path);
  }

  /** `#isAt` for a descriptor opened synchronously. */
  #isAtSync(fd: number, path: string): boolean {
    let actual: Buffer;
    try {
      actual = this.#viaFd ? readlinkSync(`/proc/self/fd/${fd}`, { encoding: 'buffer' }) : Buffer.from(realpathSync(path), 'utf8');
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    return this.#names(actual, path);
  }

  /** Whether `actual`, what an open descriptor's path resolves to, is exactly `path`. */
  #names(actual: Buffer, path: string): boolean {
    const wanted = Buffer.from(path, 'utf8');
    if (actual.equals(wanted)) return true;
    // A file unlinked (an upload replaced it) after it was opened at `path`: still the file that was there.
    if (actual.equals(Buffer.concat([wanted, Buffer.from(' (deleted)')]))) return true;
    this.#log(`ignoring ${path}: it is reached through a symbolic link (the emulator follows none)`);
    return false;
  }

  /** Opens the file (or folder) at `path` with `flags` plus O_NOFOLLOW; undefined when missing or not at `path` itself. */
  async openFile(path: string, flags: number = READ_FLAGS): Promise<FileHandle | undefined> {
    this.#inside(path);
    let handle: FileHandle;
    try {
      handle = await open(path, flags | constants.O_NOFOLLOW);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    try {
      if (await this.#isAt(handle, path)) return handle;
    } catch (error) {
      await handle.close();
      throw error;
    }
    await handle.close();
    return undefined;
  }

  /** A path naming an open file itself (its descriptor), for calls that take a path: `copyFile`. */
  handlePath(handle: FileHandle, path: string): string {
    return this.#viaFd ? `/proc/self/fd/${handle.fd}` : path;
  }

  /** Opens the folder at `path`; undefined when it is missing, not a folder, or not at `path` itself. */
  async folder(path: string): Promise<Folder | undefined> {
    const handle = await this.openFile(path, DIR_FLAGS);
    return handle && new Folder(path, handle, this.#viaFd);
  }

  /**
   * The folder at `path`, with every missing level made (each inside the
   * checked level above it); undefined when some level is not a folder.
   */
  async makeFolders(path: string): Promise<Folder | undefined> {
    const existing = await this.folder(path);
    if (existing || path === this.root) return existing;
    const parent = await this.makeFolders(dirname(path));
    if (!parent) return undefined;
    try {
      return await parent.childCreating(basename(path));
    } finally {
      await parent.close();
    }
  }

  /**
   * Runs `use` with a path naming `path`'s last component inside its checked
   * parent folder; undefined (and `use` not run) when the parent is missing.
   */
  async inParent<T>(path: string, use: (at: string) => Promise<T>): Promise<T | undefined> {
    const parent = await this.folder(dirname(path));
    if (!parent) return undefined;
    try {
      return await use(parent.at(basename(path)));
    } finally {
      await parent.close();
    }
  }

  async readFile(path: string): Promise<Buffer | undefined> {
    const handle = await this.openFile(path);
    if (!handle) return undefined;
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  /**
   * A small regular file read whole, opened and checked as `openFile` does,
   * with the stats of what was read; synchronous (no thread-pool round
   * trips), for metadata records a listing reads one per object. Undefined
   * when missing, reached through a link, or not a regular file.
   */
  readSmallFileSync(path: string): { bytes: Buffer; stats: BigIntStats } | undefined {
    this.#inside(path);
    let fd: number;
    try {
      fd = openSync(path, READ_FLAGS);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    try {
      if (!this.#isAtSync(fd, path)) return undefined;
      const stats = fstatSync(fd, { bigint: true });
      if (!stats.isFile()) return undefined;
      const bytes = Buffer.allocUnsafe(Number(stats.size));
      let filled = 0;
      while (filled < bytes.length) {
        const read = readSync(fd, bytes, filled, bytes.length - filled, filled);
        if (read === 0) break;
        filled += read;
      }
      return { bytes: bytes.subarray(0, filled), stats };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * lstat of `path` by its path, synchronously: the last component is not
   * followed, the folders above it are resolved as they are now. Only for
   * telling whether a file read earlier through a checked descriptor is
   * still that very file (its identity compared with the one recorded
   * then): it reads nothing, and what it finds decides nothing else.
   */
  identitySync(path: string): BigIntStats | undefined {
    this.#inside(path);
    try {
      return lstatSync(path, { bigint: true });
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async lstat(path: string): Promise<Stats | undefined> {
    const parent = await this.folder(dirname(path));
    if (!parent) return undefined;
    try {
      return await parent.lstat(basename(path));
    } finally {
      await parent.close();
    }
  }

  async readdir(path: string): Promise<Dirent[]> {
    const folder = await this.folder(path);
    if (!folder) return [];
    try {
      return await folder.list();
    } finally {
      await folder.close();
    }
  }

  /**
   * Writes `data` to a new file in the temporary folder (`tmp`: its path, or
   * the folder already open), then renames it to `path` (making its
   * folders): a reader sees the old file or the new one.
   */
  async writeAtomically(path: string, data: string | Buffer, tmp: string | Folder): Promise<void> {
    const folder = typeof tmp === 'string' ? await this.makeFolders(tmp) : tmp;
    if (!folder) throw OssError.io(`the emulator's temporary folder ${String(tmp)} is not a folder`);
    const name = `${randomUUID()}.tmp`;
    let moved = false;
    try {
      const handle = await open(folder.at(name), CREATE_FLAGS, 0o644);
      try {
        await handle.writeFile(data);
      } finally {
        await handle.close();
      }
      const target = (await this.folder(dirname(path))) ?? (await this.makeFolders(dirname(path)));
      if (!target) throw OssError.io(`the emulator cannot write ${path}: a level of it is not a folder`);
      try {
        await rename(folder.at(name), target.at(basename(path)));
        moved = true;
      } finally {
        await target.close();
      }
    } finally {
      if (!moved) await unlink(folder.at(name)).catch(() => undefined);
      if (folder !== tmp) await folder.close();
    }
  }

  /** Renames within the root; false when either parent folder is missing. */
  async rename(from: string, to: string): Promise<boolean> {
    const done = await this.inParent(from, (source) => this.inParent(to, async (target) => {
      await rename(source, target);
      return true;
    }));
    return done === true;
  }

  /** Removes a file (or a link, never what it points to); false when there was none. */
  async unlink(path: string): Promise<boolean> {
    const done = await this.inParent(path, async (at) => {
      try {
        await unlink(at);
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    });
    return done === true;
  }

  /** Removes an empty folder; false when it is missing, not empty, or not a folder. */
  async rmdir(path: string): Promise<boolean> {
    const done = await this.inParent(path, async (at) => {
      try {
        await rmdir(at);
        return true;
      } catch {
        return false;
      }
    });
    return done === true;
  }

  /** Removes `path` and everything below it, descending only into real folders; links are removed, not followed. */
  async removeTree(path: string): Promise<void> {
    const parent = await this.folder(dirname(path));
    if (!parent) return;
    try {
      await removeEntry(parent, basename(path));
    } finally {
      await parent.close();
    }
  }
}

/** Removes `name` inside `parent`: a folder with its contents, anything else unlinked. */
async function removeEntry(parent: Folder, name: string): Promise<void> {
  const folder = await parent.child(name);
  if (!folder) {
    await unlink(parent.at(name)).catch((error: unknown) => (isMissing(error) || errno(error) === 'EPERM' ? undefined : Promise.reject(error)));
    return;
  }
  try {
    for (const entry of await folder.list()) await removeEntry(folder, entry.name);
  } finally {
    await folder.close();
  }
  await rmdir(parent.at(name)).catch((error: unknown) => (isMissing(error) ? undefined : Promise.reject(error)));
}
