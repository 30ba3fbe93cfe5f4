import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryProblem, makeDirectories } from '../src/makeDirectories.js';
import { runCli } from './support/runCli.js';

describe('makeDirectories', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-mkdirs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const problemOf = (path: string): DirectoryProblem => {
    try {
      makeDirectories(path);
    } catch (error) {
      if (error instanceof DirectoryProblem) return error;
      throw error;
    }
    throw new Error(`${path} was made`);
  };

  it('makes missing parents and takes a folder that is there', () => {
    makeDirectories(join(dir, 'a', 'b', 'c'));
    expect(statSync(join(dir, 'a', 'b', 'c')).isDirectory()).toBe(true);
    makeDirectories(join(dir, 'a', 'b', 'c'));
    makeDirectories(dir);
  });

  it('says when the folder is a file, or a file stands in its path, and makes nothing', () => {
    writeFileSync(join(dir, 'f'), 'x');
    expect(problemOf(join(dir, 'f'))).toMatchObject({ isFile: true, why: 'it is a file, not a directory' });
    expect(problemOf(join(dir, 'f', 'x', 'y'))).toMatchObject({ isFile: false, why: 'a part of the path is a file, not a directory' });
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it.runIf(existsSync('/proc/self'))('fails at once under procfs, where a recursive mkdir never returns', () => {
    expect(problemOf('/proc/ossduck-no-such/dir')).toMatchObject({ why: 'its parent cannot hold a directory' });
  });
});

describe('ossduck serve --root that cannot be a folder of buckets', () => {
  it('exits 2 with the reason, before listening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ossduck-serve-root-'));
    try {
      writeFileSync(join(dir, 'f'), 'x');
      const run = await runCli(['serve', '--port', '0', '--root', join(dir, 'f')], { env: { OSS_ACCESS_KEY_ID: 'LTAI5tRootTest', OSS_ACCESS_KEY_SECRET: 'root-test-secret' } });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`--root ${join(dir, 'f')} cannot be used as the folder of buckets: it is a file, not a directory`);
      expect(run.stderr).not.toContain('root-test-secret');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
