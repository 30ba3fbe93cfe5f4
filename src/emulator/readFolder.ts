import { join } from 'node:path';
import type { Folder } from './Folder.js';
import { compareKeys } from './compareKeys.js';
import { identityOf } from './FileIdentity.js';
import type { FolderCache, FolderDependency, FolderEntry } from './FolderCache.js';
import { CONTINUATION_PREFIX, MIN_CUT_PIECE_BYTES, SELF_NAME, segmentNames, unescapeName } from './keyToPath.js';

export type OnSkip = (path: string, why: string) => void;

/**
 * The key segments of one folder, sorted as keys sort (a folder sorts as its
 * segment plus `/`; an object kept in a folder's `%self` as the segment).
 * Pieces of a segment too long for one name (`%+...` continuations inside a
 * long-named folder) are lifted up here, where their whole segment belongs.
 * Served from `cache` while the folder and the folders looked into are
 * unchanged; what is read is kept there (`readSince`: the clock before the
 * listing looked at anything). Symbolic links and names the key codec would
 * not write are left out and reported (when the folder is read).
 */
export async function readFolder(dir: Folder, onSkip: OnSkip, cache: FolderCache, readSince: number): Promise<readonly FolderEntry[]> {
  const known = cache.get(dir);
  if (known) return known;
  const identity = identityOf(dir.statSync());
  const found: { names: string[]; folder: boolean }[] = [];
  const dependencies: FolderDependency[] = [];
  let complete = true;
  // A folder's identity is taken before anything in it is looked at.
  const foundFolder = (names: string[]): void => {
    found.push({ names, folder: true });
    const stats = dir.lstatSync(names);
    if (stats) dependencies.push({ names, identity: identityOf(stats) });
    else complete = false;
  };
  const lift = async (below: Folder, names: string[]): Promise<void> => {
    for (const d of await below.list()) {
      if (!d.name.startsWith(CONTINUATION_PREFIX)) continue;
      const childNames = [...names, d.name];
      if (d.isFile()) found.push({ names: childNames, folder: false });
      else if (d.isDirectory()) {
        foundFolder(childNames);
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
      foundFolder([d.name]);
      if (Buffer.byteLength(d.name) >= MIN_CUT_PIECE_BYTES) await liftFrom(dir, d.name, [d.name]);
    }
  }
  const entries: FolderEntry[] = [];
  for (const f of found) {
    const escaped = f.names[0]! + f.names.slice(1).map((n) => n.slice(CONTINUATION_PREFIX.length)).join('');
    const segment = unescapeName(escaped);
    const expected = segmentNames(segment);
    if (expected.length !== f.names.length || expected.some((n, i) => n !== f.names[i])) {
      onSkip(join(dir.path, ...f.names), 'the name is not one the key codec writes (see keyToPath)');
      continue;
    }
    entries.push({ segment, folder: f.folder, names: f.names, sortKey: f.folder ? `${segment}/` : segment });
    // The object whose key is the folder's own name sorts as a file, before
    // any sibling that extends the name (`a` < `a-b` < `a/x`).
    if (f.folder && dir.lstatSync([...f.names, SELF_NAME])?.isFile()) entries.push({ segment, folder: false, names: [...f.names, SELF_NAME], sortKey: segment });
  }
  entries.sort((a, b) => compareKeys(a.sortKey, b.sortKey));
  if (complete) cache.set(dir, identity, dependencies, entries, readSince);
  return entries;
}
