import { randomUUID } from 'node:crypto';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { OssError } from '../oss/OssError.js';
import type { Folder } from './ConfinedFs.js';
import { SELF_NAME } from './keyToPath.js';

/** Where an object's file goes: this open folder (the caller closes it), this name. */
export interface ObjectTarget {
  readonly folder: Folder;
  readonly name: string;
}

/**
 * Makes the folders of an object's path below the bucket folder, each made
 * and opened inside the one above it, and returns the folder its file goes
 * into and the file's name. A folder level that is an object's file moves
 * into `<name>/%self`; a target that is a folder takes the object as its
 * `%self`. Symbolic links (and other special files someone put in the root)
 * are never passed through: undefined then, and `log` says where. The caller
 * holds the bucket lock; `bucket` is closed in every case.
 */
export async function objectTarget(bucket: Folder, names: readonly string[], tmp: Folder, log: (line: string) => void): Promise<ObjectTarget | undefined> {
  let dir: Folder | undefined = bucket;
  try {
    for (const name of names.slice(0, -1)) {
      const next: Folder | undefined = (await dir.childCreating(name)) ?? (await moveIntoSelf(dir, name, tmp, log));
      if (!next) return undefined;
      await dir.close();
      dir = next;
    }
    const last = names[names.length - 1]!;
    const st = await dir.lstat(last);
    if (st?.isDirectory()) {
      const inner = await dir.child(last);
      if (!inner) return undefined;
      return { folder: inner, name: SELF_NAME };
    }
    if (st && !st.isFile()) {
      log(`refusing to replace ${join(dir.path, last)}: not a folder or an object file`);
      return undefined;
    }
    const target = { folder: dir, name: last };
    dir = undefined;
    return target;
  } finally {
    await dir?.close();
  }
}

/**
 * `name` inside `dir` is an object's file where a folder is needed: the file
 * moves to `<name>/%self`. Undefined (and nothing moved) when `name` is
 * something else: a symbolic link, a device.
 */
async function moveIntoSelf(dir: Folder, name: string, tmp: Folder, log: (line: string) => void): Promise<Folder | undefined> {
  const st = await dir.lstat(name);
  if (!st?.isFile()) {
    log(`refusing to write below ${join(dir.path, name)}: not a folder or an object file`);
    return undefined;
  }
  const moving = `${randomUUID()}.move`;
  await rename(dir.at(name), tmp.at(moving));
  await mkdir(dir.at(name));
  const folder = await dir.child(name);
  if (!folder) throw OssError.io(`the emulator could not make the folder ${join(dir.path, name)}`);
  await rename(tmp.at(moving), folder.at(SELF_NAME));
  return folder;
}
