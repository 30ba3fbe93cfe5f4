import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
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
  | { readonly kind: 'object'; readonly key: string; readonly fsPath: string }
  | { readonly kind: 'prefix'; readonly prefix: string };

/** One key segment found in a folder: a file (an object) or a folder. */
interface Entry {
  readonly segment: string;
  readonly folder: boolean;
  readonly fsPath: string;
  readonly sortKey: string;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function list(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/**
 * Walks a bucket folder in key order (UTF-8 byte order, as OSS lists),
 * yielding objects and common prefixes that match the parameters. It starts
 * at the deepest folder the prefix names, skips whole folders that lie before
 * `after` or outside the prefix, and rolls a folder up into its common prefix
 * without descending when the delimiter allows. Symbolic links and files whose
 * names the key codec would not have written are skipped (and reported).
 */
export async function* walkBucket(bucketDir: string, params: WalkParams, onSkip: (path: string, why: string) => void): AsyncGenerator<WalkItem> {
  const segments = params.prefix.split('/');
  segments.pop();
  const state: { lastPrefix: string | undefined } = { lastPrefix: undefined };
  const start = join(bucketDir, ...folderPath(segments));
  yield* walkFolder(start, segments.length > 0 ? `${segments.join('/')}/` : '', params, state, onSkip);
}

async function* walkFolder(
  dir: string,
  keyPrefix: string,
  params: WalkParams,
  state: { lastPrefix: string | undefined },
  onSkip: (path: string, why: string) => void,
): AsyncGenerator<WalkItem> {
  for (const entry of await readFolder(dir, onSkip)) {
    const key = keyPrefix + entry.segment;
    if (!entry.folder) {
      const item = consider(key, entry.fsPath, params, state);
      if (item) yield item;
      continue;
    }
    const folder = `${key}/`;
    if (!folder.startsWith(params.prefix) && !params.prefix.startsWith(folder)) continue;
    if (compareKeys(folder, params.after) <= 0 && !params.after.startsWith(folder)) continue;
    if (params.delimiter !== '' && folder.startsWith(params.prefix)) {
      const rest = folder.slice(params.prefix.length);
      const at = rest.indexOf(params.delimiter);
      if (at >= 0) {
        const common = params.prefix + rest.slice(0, at + params.delimiter.length);
        if (compareKeys(common, params.after) > 0 && common !== state.lastPrefix && (await holdsObjects(entry.fsPath, true))) {
          state.lastPrefix = common;
          yield { kind: 'prefix', prefix: common };
        }
        continue;
      }
    }
    yield* walkFolder(entry.fsPath, folder, params, state, onSkip);
  }
}

function consider(key: string, fsPath: string, params: WalkParams, state: { lastPrefix: string | undefined }): WalkItem | undefined {
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
  return { kind: 'object', key, fsPath };
}

/** Whether a folder holds any object below it (its own `%self` and lifted pieces excluded at the top). */
async function holdsObjects(dir: string, top: boolean): Promise<boolean> {
  for (const d of await list(dir)) {
    if (top && (d.name === SELF_NAME || d.name.startsWith(CONTINUATION_PREFIX))) continue;
    if (d.isFile()) return true;
    if (d.isDirectory() && (await holdsObjects(join(dir, d.name), false))) return true;
  }
  return false;
}

/**
 * The key segments of one folder, sorted as keys sort (a folder sorts as its
 * segment plus `/`; an object kept in a folder's `%self` as the segment). Pieces of a segment too long for one name (`%+...`
 * continuations inside a long-named folder) are lifted up here, where their
 * whole segment belongs.
 */
async function readFolder(dir: string, onSkip: (path: string, why: string) => void): Promise<Entry[]> {
  const found: { names: string[]; folder: boolean; fsPath: string }[] = [];
  const lift = async (path: string, names: string[]): Promise<void> => {
    for (const d of await list(path)) {
      if (!d.name.startsWith(CONTINUATION_PREFIX)) continue;
      const child = join(path, d.name);
      const childNames = [...names, d.name];
      if (d.isFile()) found.push({ names: childNames, folder: false, fsPath: child });
      else if (d.isDirectory()) {
        found.push({ names: childNames, folder: true, fsPath: child });
        if (Buffer.byteLength(d.name) >= MIN_CUT_PIECE_BYTES) await lift(child, childNames);
      }
    }
  };
  for (const d of await list(dir)) {
    if (d.name === SELF_NAME || d.name.startsWith(CONTINUATION_PREFIX)) continue;
    const path = join(dir, d.name);
    if (d.isSymbolicLink()) {
      onSkip(path, 'symbolic links are not followed');
    } else if (d.isFile()) {
      found.push({ names: [d.name], folder: false, fsPath: path });
    } else if (d.isDirectory()) {
      found.push({ names: [d.name], folder: true, fsPath: path });
      if (Buffer.byteLength(d.name) >= MIN_CUT_PIECE_BYTES) await lift(path, [d.name]);
    }
  }
  const entries: Entry[] = [];
  const selfFiles = await Promise.all(found.map((f) => (f.folder ? isFile(join(f.fsPath, SELF_NAME)) : false)));
  for (const [i, f] of found.entries()) {
    const escaped = f.names[0]! + f.names.slice(1).map((n) => n.slice(CONTINUATION_PREFIX.length)).join('');
    const segment = unescapeName(escaped);
    const expected = segmentNames(segment);
    if (expected.length !== f.names.length || expected.some((n, i) => n !== f.names[i])) {
      onSkip(f.fsPath, 'the name is not one the key codec writes (see keyToPath)');
      continue;
    }
    entries.push({ segment, folder: f.folder, fsPath: f.fsPath, sortKey: f.folder ? `${segment}/` : segment });
    // The object whose key is the folder's own name sorts as a file, before
    // any sibling that extends the name (`a` < `a-b` < `a/x`).
    if (selfFiles[i]) entries.push({ segment, folder: false, fsPath: join(f.fsPath, SELF_NAME), sortKey: segment });
  }
  return entries.sort((a, b) => compareKeys(a.sortKey, b.sortKey));
}
