import type { BigIntStats } from 'node:fs';
import { join } from 'node:path';
import type { ConfinedFs, Folder } from './ConfinedFs.js';
import { compareKeys } from './compareKeys.js';
import type { FolderCache, FolderEntry } from './FolderCache.js';
import { CONTINUATION_PREFIX, SELF_NAME, folderPath } from './keyToPath.js';
import { readFolder } from './readFolder.js';
import type { OnSkip } from './readFolder.js';

/** What a listing asks for: keys starting with `prefix`, after `after`, rolled up at `delimiter`. */
export interface WalkParams {
  readonly prefix: string;
  /** '' for none. */
  readonly delimiter: string;
  /** Only keys (and common prefixes) greater than this; '' for all. */
  readonly after: string;
}

export type WalkItem =
  | { readonly kind: 'object'; readonly key: string; readonly fsPath: string; readonly stats: BigIntStats }
  | { readonly kind: 'prefix'; readonly prefix: string };

/** What the walk reads folders through: their cache, and the clock before the listing looked at anything. */
export interface WalkContext {
  readonly folders: FolderCache;
  readonly readSince: number;
  readonly onSkip: OnSkip;
}

/**
 * Walks a bucket folder in key order (UTF-8 byte order, as OSS lists),
 * yielding objects (with their file's lstat) and common prefixes that match
 * the parameters. It starts at the deepest folder the prefix names, skips
 * whole folders that lie before `after` or outside the prefix, and rolls a
 * folder up into its common prefix without descending when the delimiter
 * allows. Every folder is opened inside the one above it and read through its
 * descriptor (see ConfinedFs), so a folder swapped for a symbolic link while
 * the walk runs is never entered. Symbolic links and files whose names the key
 * codec would not have written are skipped (and reported). A folder's sorted
 * entries come from `context.folders` while it is unchanged; a page starts at
 * its first key by binary search and stops at the end of the prefix; files
 * are examined with synchronous lstat calls (one per object, through the
 * folder's descriptor), cheaper than a thread-pool round trip each.
 */
export async function* walkBucket(fs: ConfinedFs, bucketDir: string, params: WalkParams, context: WalkContext): AsyncGenerator<WalkItem> {
  const segments = params.prefix.split('/');
  segments.pop();
  const start = await fs.folder(join(bucketDir, ...folderPath(segments)));
  if (!start) return;
  try {
    yield* walkFolder(start, segments.length > 0 ? `${segments.join('/')}/` : '', params, { lastPrefix: undefined }, context);
  } finally {
    await start.close();
  }
}

async function* walkFolder(
  dir: Folder,
  keyPrefix: string,
  params: WalkParams,
  state: { lastPrefix: string | undefined },
  context: WalkContext,
): AsyncGenerator<WalkItem> {
  const entries = await readFolder(dir, context.onSkip, context.folders, context.readSince);
  const first = Math.max(firstFrom(entries, keyPrefix, params.prefix, true), firstFrom(entries, keyPrefix, params.after, false));
  for (let i = first; i < entries.length; i++) {
    const entry = entries[i]!;
    const sorted = keyPrefix + entry.sortKey;
    // Entries sort by `sorted`: past the prefix's range, nothing later is in it.
    if (compareKeys(sorted, params.prefix) > 0 && !sorted.startsWith(params.prefix)) break;
    const key = keyPrefix + entry.segment;
    if (!entry.folder) {
      const item = consider(key, params, state);
      if (item?.kind !== 'object') {
        if (item) yield item;
        continue;
      }
      const stats = dir.lstatSync(entry.names);
      // dir.path is absolute and normal, and no name is empty, `.`, `..` or holds `/`: the same as join().
      if (stats?.isFile()) yield { kind: 'object', key, fsPath: `${dir.path}/${entry.names.join('/')}`, stats };
      continue;
    }
    const folder = `${key}/`;
    if (!folder.startsWith(params.prefix) && !params.prefix.startsWith(folder)) continue;
    if (compareKeys(folder, params.after) <= 0 && !params.after.startsWith(folder)) continue;
    const child = await dir.descend(entry.names);
    if (!child) continue;
    try {
      const common = rolledUp(folder, params);
      if (common === undefined) {
        yield* walkFolder(child, folder, params, state, context);
      } else if (compareKeys(common, params.after) > 0 && common !== state.lastPrefix && (await holdsObjects(child, true))) {
        state.lastPrefix = common;
        yield { kind: 'prefix', prefix: common };
      }
    } finally {
      await child.close();
    }
  }
}

/** The common prefix a whole folder rolls up into under the delimiter, or undefined when it must be walked. */
function rolledUp(folder: string, params: WalkParams): string | undefined {
  if (params.delimiter === '' || !folder.startsWith(params.prefix)) return undefined;
  const rest = folder.slice(params.prefix.length);
  const at = rest.indexOf(params.delimiter);
  return at < 0 ? undefined : params.prefix + rest.slice(0, at + params.delimiter.length);
}

/** A key as the listing reports it: an object, the common prefix it rolls up into, or nothing. */
function consider(key: string, params: WalkParams, state: { lastPrefix: string | undefined }): { kind: 'object' } | WalkItem | undefined {
  if (!key.startsWith(params.prefix) || compareKeys(key, params.after) <= 0) return undefined;
  if (params.delimiter !== '') {
    const rest = key.slice(params.prefix.length);
    const at = rest.indexOf(params.delimiter);
    if (at >= 0) {
      const common = params.prefix + rest.slice(0, at + params.delimiter.length);
      if (compareKeys(common, params.after) <= 0 || common === state.lastPrefix) return undefined;
      state.lastPrefix = common;
      return { kind: 'prefix', prefix: common };
    }
  }
  return { kind: 'object' };
}

/**
 * The index of the first entry (`keyPrefix` + its sort key) not before
 * `bound` (`inclusive`) or after it, stepping back to a folder that `bound`
 * lies inside (its keys may still come after `bound`). Every entry before it
 * is one the walk would skip.
 */
function firstFrom(entries: readonly FolderEntry[], keyPrefix: string, bound: string, inclusive: boolean): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const order = compareKeys(keyPrefix + entries[mid]!.sortKey, bound);
    if (order < 0 || (order === 0 && !inclusive)) lo = mid + 1;
    else hi = mid;
  }
  const before = entries[lo - 1];
  return before?.folder && bound.startsWith(keyPrefix + before.sortKey) ? lo - 1 : lo;
}

/** Whether a folder holds any object below it (its own `%self` and lifted pieces excluded at the top). */
async function holdsObjects(dir: Folder, top: boolean): Promise<boolean> {
  for (const d of await dir.list()) {
    if (top && (d.name === SELF_NAME || d.name.startsWith(CONTINUATION_PREFIX))) continue;
    if (d.isFile()) return true;
    if (!d.isDirectory()) continue;
    const child = await dir.child(d.name);
    if (!child) continue;
    try {
      if (await holdsObjects(child, false)) return true;
    } finally {
      await child.close();
    }
  }
  return false;
}
