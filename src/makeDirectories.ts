import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Why a folder could not be made or opened: `path` is the folder asked for, `why` a phrase. */
export class DirectoryProblem extends Error {
  readonly path: string;
  readonly why: string;
  /** The folder asked for is itself a file. */
  readonly isFile: boolean;

  constructor(path: string, why: string, isFile = false) {
    super(`${path}: ${why}`);
    this.name = 'DirectoryProblem';
    this.path = path;
    this.why = why;
    this.isFile = isFile;
  }
}

const WHY: Readonly<Record<string, string>> = {
  ENOENT: 'its parent cannot hold a directory',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
  ENOSPC: 'no space left on the device',
};

function problem(path: string, error: unknown): DirectoryProblem {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new DirectoryProblem(path, WHY[code] ?? (error instanceof Error ? error.message : String(error)));
}

/**
 * Makes the folder `path` and its missing parents, one level at a time, or
 * throws a {@link DirectoryProblem}. Node's `mkdirSync(path, { recursive: true })`
 * never returns under some file systems (procfs), and its errors name the
 * system call rather than what is wrong.
 */
export function makeDirectories(path: string): void {
  const target = resolve(path);
  const missing: string[] = [];
  let at = target;
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(at).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: a file further up; the walk finds it and says so.
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(at) === at) throw problem(path, error);
      missing.push(at);
      at = dirname(at);
      continue;
    }
    if (!isDirectory) {
      throw at === target ? new DirectoryProblem(path, 'it is a file, not a directory', true) : new DirectoryProblem(path, WHY['ENOTDIR']!);
    }
    break;
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw problem(path, error);
    }
  }
}
