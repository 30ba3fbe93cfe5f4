import type { Stats } from 'node:fs';
import { join } from 'node:path';
import type { ConfinedFs, Folder } from './ConfinedFs.js';
import { compareKeys } from './compareKeys.js';
import { CONTINUATION_PREFIX, MIN_CUT_PIECE_BYTES, SELF_NAME, folderPath, segmentNames, unescapeName } from './keyToPath.js';

/** What a listing asks for: keys starting with `prefix`, after `after`, rolled up at `delimiter`. */
export interface WalkParams {
  readonly prefix: string;
  /** '' for none. */
  readonly delimiter: string;
  /** Only keys (and common prefixes) greater than this; '' for all. */
  readonly after: string;
}

export type WalkItem =
  | { readonly kind: 'object'; readonly key: string; readonly fsPath: string; readonly stats: Stats }
  | { readonly kind: 'prefix'; readonly prefix: string };

/** One key segment found in a folder: a file (an object) or a folder, reached by `names` below that folder. */
interface Entry {
  readonly segment: string;
  readonly folder: boolean;
  readonly names: readonly string[];
  readonly fsPath: string;
  readonly sortKey: string;
}

type OnSkip = (path: string, why: string) => void;

/** How many files of a folder are examined at once. */
const STAT_AHEAD = 32;

/**
 * Walks a bucket folder in key order (UTF-8 byte order, as OSS lists),
 * yielding objects (with their file's lstat) and common prefixes that match
 * the parameters. It starts at the deepest folder the prefix names, skips
 * whole folders that lie before `after` or outside the prefix, and rolls a
 * folder up into its common prefix without descending when the delimiter
 * allows. Every folder is opened inside the one above it and read through its
 * descriptor (see ConfinedFs), so a folder swapped for a symbolic link while
 * the walk runs is never entered. Symbolic links and files whose names the key
 * codec would not have written are skipped (and reported).
 */
export async function* walkBucket(fs: ConfinedFs, bucketDir: string, params: WalkParams, onSkip: OnSkip): AsyncGenerator<WalkItem> {
  const segments = params.prefix.split('/');
  segments.pop();
  const start = await fs.folder(join(bucketDir, ...folderPath(segments)));
  if (!start) return;
  try {
    yield* walkFolder(start, segments.length > 0 ? `${segments.join('/')}/` : '', params, { lastPrefix: undefined }, onSkip);
  } finally {
    await start.close();
  }
}

async function* walkFolder(
  dir: Folder,
  keyPrefix: string,
  params: WalkParams,
  state: { lastPrefix: string | undefined },
  onSkip: OnSkip,
): AsyncGenerator<WalkItem> {
  const entries = await readFolder(dir, onSkip);
  const ahead = new Map<number, Promise<Stats | undefined>>();
  for (const [i, entry] of entries.entries()) {
    const key = keyPrefix + entry.segment;
    if (!entry.folder) {
      const item = consider(key, params, state);
      if (item?.kind !== 'object') {
        if (item) yield item;
        continue;
      }
      // The files' lstat calls run STAT_AHEAD at a time, as many as a page may take.
      if (!ahead.has(i)) {
        for (let j = i; j < entries.length && j < i + STAT_AHEAD; j++) {
          const next = entries[j]!;
          if (next.folder || ahead.has(j)) continue;
          const pending = statAt(dir, next.names);
          pending.catch(() => undefined);
          ahead.set(j, pending);
        }
      }
      const stats = await ahead.get(i);
      ahead.delete(i);
      if (stats?.isFile()) yield { kind: 'object', key, fsPath: entry.fsPath, stats };
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
        yield* walkFolder(child, folder, params, state, onSkip);
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

/** lstat of the file reached by `names` below `dir`, each level a real folder; undefined when there is none. */
async function statAt(dir: Folder, names: readonly string[]): Promise<Stats | undefined> {
  if (names.length === 1) return dir.lstat(names[0]!);
  const parent = await dir.descend(names.slice(0, -1));
  if (!parent) return undefined;
  try {
    return await parent.lstat(names[names.length - 1]!);
  } finally {
    await parent.close();
  }
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

/**
 * The key segments of one folder, sorted as keys sort (a folder sorts as its
 * segment plus `/`; an object kept in a folder's `%self` as the segment).
 * Pieces of a segment too long for one name (`%+...` continuations inside a
 * long-named folder) are lifted up here, where their whole segment belongs.
 */
async function readFolder(dir: Folder, onSkip: OnSkip): Promise<Entry[]> {
  const found: { names: string[]; folder: boolean }[] = [];
  const lift = async (below: Folder, names: string[]): Promise<void> => {
    for (const d of await below.list()) {
      if (!d.name.startsWith(CONTINUATION_PREFIX)) continue;
      const childNames = [...names, d.name];
      if (d.isFile()) found.push({ names: childNames, folder: false });
      else if (d.isDirectory()) {
        found.push({ names: childNames, folder: true });
        if (Buffer.byteLength(d.name) >= MIN_CUT_PIECE_BYTES) await liftFrom(below, d.name, childNames);
      }
    }
  };
  const liftFrom = async (parent: Folder, name: string, names: string[]): Promise<void> => {
    const child = await parent.child(name);
    if (!child) return;
    try {
      await lift(child, names);
    } finally {
      await child.close();
    }
  };
  for (const d of await dir.list()) {
    if (d.name === SELF_NAME || d.name.startsWith(CONTINUATION_PREFIX)) continue;
    if (d.isSymbolicLink()) {
      onSkip(join(dir.path, d.name), 'symbolic links are not followed');
    } else if (d.isFile()) {
      found.push({ names: [d.name], folder: false });
    } else if (d.isDirectory()) {
      found.push({ names: [d.name], folder: true });
      if (Buffer.byteLength(d.name) >= MIN_CUT_PIECE_BYTES) await liftFrom(dir, d.name, [d.name]);
    }
  }
  const entries: Entry[] = [];
  const selfFiles = await Promise.all(found.map(async (f) => f.folder && (await statAt(dir, [...f.names, SELF_NAME]))?.isFile() === true));
  for (const [i, f] of found.entries()) {
    const fsPath = join(dir.path, ...f.names);
    const escaped = f.names[0]! + f.names.slice(1).map((n) => n.slice(CONTINUATION_PREFIX.length)).join('');
    const segment = unescapeName(escaped);
    const expected = segmentNames(segment);
    if (expected.length !== f.names.length || expected.some((n, i) => n !== f.names[i])) {
      onSkip(fsPath, 'the name is not one the key codec writes (see keyToPath)');
      continue;
    }
    entries.push({ segment, folder: f.folder, names: f.names, fsPath, sortKey: f.folder ? `${segment}/` : segment });
    // The object whose key is the folder's own name sorts as a file, before
    // any sibling that extends the name (`a` < `a-b` < `a/x`).
    if (selfFiles[i]) entries.push({ segment, folder: false, names: [...f.names, SELF_NAME], fsPath: join(fsPath, SELF_NAME), sortKey: segment });
  }
  return entries.sort((a, b) => compareKeys(a.sortKey, b.sortKey));
}
