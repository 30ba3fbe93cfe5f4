import type { Folder } from './Folder.js';
import { isSettled, sameIdentity } from './FileIdentity.js';
import type { FileIdentity } from './FileIdentity.js';
import { LruCache } from './LruCache.js';

/** How many folder entries are kept in all: about 180 bytes each (measured, names like `o000000.txt`), some 45 MB when full. */
export const FOLDER_CACHE_ENTRIES = 250_000;

/** One key segment found in a folder: a file (an object) or a folder, reached by `names` below that folder. */
export interface FolderEntry {
  readonly segment: string;
  readonly folder: boolean;
  readonly names: readonly string[];
  /** How the entry sorts among its siblings: the segment, plus `/` for a folder. */
  readonly sortKey: string;
}

/** A folder below the one read, whose content the entries depend on (its `%self`, the pieces of a long name), as it was. */
export interface FolderDependency {
  readonly names: readonly string[];
  readonly identity: FileIdentity;
}

interface Held {
  readonly identity: FileIdentity;
  readonly dependencies: readonly FolderDependency[];
  readonly entries: readonly FolderEntry[];
}

/**
 * The sorted entries of folders a listing read, so that page after page of
 * one folder neither reads nor sorts it again. An entry holds while the
 * folder itself and every folder below it that was looked into (for a
 * `%self` or the pieces of a long name) are what they were: creating,
 * removing or renaming a name in a folder changes its mtime and ctime
 * (FileIdentity), whoever does it. A state younger than SETTLE_MS is never
 * cached. Bounded by FOLDER_CACHE_ENTRIES entries in all, least recently
 * used folders dropped first.
 */
export class FolderCache {
  readonly #folders = new LruCache<string, Held>(FOLDER_CACHE_ENTRIES, (held) => held.entries.length + held.dependencies.length);

  /** How many folders are kept. */
  get size(): number {
    return this.#folders.size;
  }

  /** The entries of `dir` (open) if they are known and it and its dependencies are unchanged. */
  get(dir: Folder): readonly FolderEntry[] | undefined {
    const held = this.#folders.get(dir.path);
    if (!held) return undefined;
    if (sameIdentity(held.identity, dir.statSync()) && held.dependencies.every((d) => unchanged(dir, d))) return held.entries;
    this.#folders.delete(dir.path);
    return undefined;
  }

  /** Keeps what was read of `dir` when it was `identity`, if it and its dependencies had settled by `readSince`. */
  set(dir: Folder, identity: FileIdentity, dependencies: readonly FolderDependency[], entries: readonly FolderEntry[], readSince: number): void {
    if (isSettled(identity, readSince) && dependencies.every((d) => isSettled(d.identity, readSince))) {
      this.#folders.set(dir.path, { identity, dependencies, entries });
    }
  }

  /** Drops the folders at or below `path`. */
  forgetBelow(path: string): void {
    this.#folders.deleteWhere((held) => held === path || held.startsWith(`${path}/`));
  }
}

function unchanged(dir: Folder, dependency: FolderDependency): boolean {
  const now = dir.lstatSync(dependency.names);
  return now !== undefined && sameIdentity(dependency.identity, now);
}
