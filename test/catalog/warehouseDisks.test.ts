import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.js';
import { ScratchMount } from '../support/scratchMount.js';

const ENV = { OSS_ACCESS_KEY_ID: 'LTAI5tDisks', OSS_ACCESS_KEY_SECRET: 'disks-secret' };
const TABLE = "CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/disk-bkt/dir/'";

describe('a warehouse on a full disk', () => {
  let mount: ScratchMount | undefined;
  afterEach(() => {
    mount?.unmount();
    mount = undefined;
  });

  it('gives a clear error, leaves no half-made project, and works again once space is freed', async () => {
    mount = ScratchMount.tmpfs(12);
    const db = join(mount.path, 'wh');
    expect((await runCli(['--db', db, '--project', 'full_main', '-c', `${TABLE}; SELECT 1`], { env: ENV })).code).toBe(0);
    const filler = join(mount.path, 'filler');
    // Fill the disk to its last block.
    const free = Number(/(\d+)\s+\d+%/.exec(execFileSync('df', ['-k', '--output=avail,pcent', mount.path], { encoding: 'utf8' }))?.[1] ?? 0);
    writeFileSync(filler, Buffer.alloc(Math.max(0, free * 1024 - 4096)));
    const full = await runCli(['--db', db, '--project', 'full_main', '-c', 'USE full_new; SELECT 1'], { env: ENV });
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/^FAILED: ODPS-0130025:.*no space left on (the|its) device.*\n$/);
    expect(readdirSync(join(db, 'projects')).sort()).toEqual(['full_main.duckdb']);
    rmSync(filler);
    const later = await runCli(['--db', db, '--project', 'full_main', '--format', 'csv', '-c', 'USE full_new; SELECT 42 AS answer; USE full_main; SHOW TABLES'], { env: ENV });
    expect(later.stderr).toBe('');
    expect(later.stdout).toBe('answer\n42\ntable_name,table_type\nt,OBJECT TABLE\n');
    expect(statSync(join(db, 'projects', 'full_new.duckdb')).size).toBeGreaterThan(0);
  }, 120_000);
});

describe('a read-only warehouse', () => {
  let dir: string | undefined;
  let mount: ScratchMount | undefined;
  afterEach(() => {
    mount?.unmount();
    mount = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens for reading, and a write says the warehouse is read-only', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-ro-'));
    expect((await runCli(['--db', dir, '--project', 'ro_main', '-c', `${TABLE}; CREATE TABLE facts AS SELECT 7 AS n`], { env: ENV })).code).toBe(0);
    mount = ScratchMount.readOnly(dir);
    const read = await runCli(['--db', mount.path, '--project', 'ro_main', '--format', 'csv', '-c', "SHOW TABLES; SELECT n FROM facts; SELECT count(*) AS signed FROM (SELECT GET_SIGNED_URL_FROM_OSS('ro_main.default.t', 'k'))"], { env: ENV });
    expect(read.stderr).toBe('');
    expect(read.stdout).toBe('table_name,table_type\nfacts,TABLE\nt,OBJECT TABLE\nn\n7\nsigned\n1\n');
    for (const write of ['CREATE TABLE more AS SELECT 1', `CREATE OBJECT TABLE t2 LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/disk-bkt/dir/'`, 'USE another_project', 'DROP TABLE t']) {
      const refused = await runCli(['--db', mount.path, '--project', 'ro_main', '-c', write], { env: ENV });
      expect(refused.code, write).toBe(1);
      expect(refused.stderr, write).toMatch(/read-only/);
      expect(refused.stderr, write).not.toMatch(/internal error/i);
    }
    const missing = await runCli(['--db', mount.path, '-c', 'SELECT 1'], { env: ENV });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/read-only.*default_project/);
  }, 120_000);
});
