import { closeSync, constants, fstatSync, lstatSync, openSync } from 'node:fs';
import type { BigIntStats, Dirent, Stats } from 'node:fs';
import { lstat, mkdir, open, readdir } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** A folder, opened only if it is one and not through a link at its last component. */
export const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

/** The error's code (`ENOENT`...), if it has one. */
export function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Errors that mean "nothing usable at that path": missing, a link, a file where a folder should be, too long. */
export function isMissing(error: unknown): boolean {
  const code = errno(error);
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG' || code === 'EISDIR';
}

/**
 * An open folder inside the root. Names inside it are reached through the
 * descriptor (`/proc/self/fd/<fd>/<name>`, which the kernel resolves to the
 * very folder that was opened, wherever it is now), so a path component
 * swapped for a symbolic link after the folder was opened changes nothing.
 * Every use of `at` must finish before `close`.
 */
export class Folder {
  readonly path: string;
  readonly handle: FileHandle;
  readonly #viaFd: boolean;

  constructor(path: string, handle: FileHandle, viaFd: boolean) {
    this.path = path;
    this.handle = handle;
    this.#viaFd = viaFd;
  }

  /** The path that names `name` inside this very folder. */
  at(name: string): string {
    return this.#viaFd ? `/proc/self/fd/${this.handle.fd}/${name}` : join(this.path, name);
  }

  /** The sub-folder `name`, or undefined when it is missing, a file or a symbolic link. */
  async child(name: string): Promise<Folder | undefined> {
    try {
      return new Folder(join(this.path, name), await open(this.at(name), DIR_FLAGS), this.#viaFd);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** The folder reached by `names` below this one (each level a real folder), or undefined. */
  async descend(names: readonly string[]): Promise<Folder | undefined> {
    let folder: Folder | undefined = this;
    for (const name of names) {
      const next: Folder | undefined = await folder.child(name);
      if (folder !== this) await folder.close();
      if (!next) return undefined;
      folder = next;
    }
    return folder;
  }

  /** The sub-folder `name`, made if missing; undefined when something other than a folder is there. */
  async childCreating(name: string): Promise<Folder | undefined> {
    try {
      await mkdir(this.at(name));
    } catch (error) {
      if (errno(error) !== 'EEXIST') throw error;
    }
    return this.child(name);
  }

  async list(): Promise<Dirent[]> {
    try {
      return await readdir(this.#viaFd ? `/proc/self/fd/${this.handle.fd}` : this.path, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  /** lstat of `name` inside this folder, or undefined when it is missing. */
  async lstat(name: string): Promise<Stats | undefined> {
    try {
      return await lstat(this.at(name));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** Whether this folder holds any file (or link) at any depth. */
  async holdsFiles(): Promise<boolean> {
    for (const d of await this.list()) {
      if (d.isFile() || d.isSymbolicLink()) return true;
      if (!d.isDirectory()) continue;
      const child = await this.child(d.name);
      if (!child) continue;
      try {
        if (await child.holdsFiles()) return true;
      } finally {
        await child.close();
      }
    }
    return false;
  }

  /** This very folder's own stats (of the descriptor), without a thread-pool round trip. */
  statSync(): BigIntStats {
    return fstatSync(this.handle.fd, { bigint: true });
  }

  /**
   * lstat of what `names` reaches below this folder, each level above the
   * last opened as a real folder (never through a link) inside the one
   * before, like `descend`, but synchronously: a listing makes one such call
   * per object, and a thread-pool round trip costs more than the call.
   * Undefined when something on the way is missing or not a folder.
   */
  lstatSync(names: readonly string[]): BigIntStats | undefined {
    const opened: number[] = [];
    try {
      let base = this.#viaFd ? `/proc/self/fd/${this.handle.fd}` : this.path;
      for (let i = 0; i < names.length - 1; i++) {
        const fd = openSync(`${base}/${names[i]!}`, DIR_FLAGS);
        opened.push(fd);
        base = this.#viaFd ? `/proc/self/fd/${fd}` : `${base}/${names[i]!}`;
      }
      return lstatSync(`${base}/${names[names.length - 1]!}`, { bigint: true });
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    } finally {
      for (const fd of opened) closeSync(fd);
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
