import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { Session } from '../../src/session/Session.js';
import { runCli } from '../support/runCli.js';

const ENV = { OSS_ACCESS_KEY_ID: 'LTAI5tWarehouse', OSS_ACCESS_KEY_SECRET: 'warehouse-secret' };

describe('warehouse directories (--db)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-wh-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps an object table from one run to the next, and refuses to create it twice', async () => {
    const create = `USE wh_project; CREATE SCHEMA s COMMENT 'kept'; CREATE OBJECT TABLE wh_project.s.t
      LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/' TBLPROPERTIES ('team'='etl');`;
    expect((await runCli(['--db', dir, '-c', create], { env: ENV })).code).toBe(0);
    const sign = await runCli(
      ['--db', dir, '--format', 'jsonl', '--set', 'ossduck.signing_time=2026-11-23T12:00:00Z', '-c', "SELECT GET_SIGNED_URL_FROM_OSS('wh_project.s.t', 'a.txt') AS url"],
      { env: ENV },
    );
    expect(sign.code).toBe(0);
    expect(JSON.parse(sign.stdout).url).toMatch(/^https:\/\/examplebucket\.oss-cn-hangzhou\.aliyuncs\.com\/dir\/a\.txt\?x-oss-credential=LTAI5tWarehouse%2F20261123%2Fcn-hangzhou/);
    const again = await runCli(['--db', dir, '-c', create], { env: ENV });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^FAILED: ODPS-0130261:\[1,\d+\] Invalid schema - schema s already exists in project wh_project\n$/);
    const table = await runCli(['--db', dir, '-c', "CREATE OBJECT TABLE wh_project.s.t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/'"], { env: ENV });
    expect(table.stderr).toBe('FAILED: ODPS-0130211:[1,21] Table or view already exists - table wh_project.s.t already exists\n');
    const shown = await runCli(['--db', dir, '--format', 'jsonl', '-c', 'SHOW SCHEMAS IN wh_project; SHOW CREATE TABLE wh_project.s.t'], { env: ENV });
    expect(shown.stdout).toContain('{"schema_name":"s","comment":"kept"}');
    expect(shown.stdout).toContain("TBLPROPERTIES ('team'='etl')");
  });

  it('keeps DuckDB tables of a project too', async () => {
    expect((await runCli(['--db', dir, '-c', 'USE keep_proj; CREATE TABLE facts AS SELECT 42 AS answer'], { env: ENV })).code).toBe(0);
    const read = await runCli(['--db', dir, '--format', 'csv', '-c', 'SELECT answer FROM keep_proj.default.facts'], { env: ENV });
    expect(read.stdout).toBe('answer\n42\n');
  });

  it('runs views kept in the warehouse that call MaxCompute and OSS functions, in the next run and from another project', async () => {
    const make = `USE view_proj; CREATE OBJECT TABLE view_proj.default.t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/';
      CREATE VIEW dates AS SELECT CAST(DATEADD(DATETIME '2024-01-01 00:00:00', 1, 'dd') AS STRING) AS d, CAST(TIMESTAMP '2024-01-01 00:00:00' AS STRING) AS t;
      CREATE VIEW urls AS SELECT GET_SIGNED_URL_FROM_OSS('view_proj.default.t', 'a.txt', 60) AS url;
      USE other_proj; CREATE VIEW both_views AS SELECT d, url FROM view_proj.default.dates, view_proj.default.urls;`;
    const made = await runCli(['--db', dir, '-c', make], { env: ENV });
    expect(made.stderr).toBe('');
    for (const sql of ['SELECT d, t FROM view_proj.default.dates', 'SELECT url FROM view_proj.default.urls', 'SELECT d, url FROM other_proj.default.both_views']) {
      const run = await runCli(['--db', dir, '--format', 'jsonl', '--set', 'ossduck.signing_time=2026-11-23T12:00:00Z', '-c', sql], { env: ENV });
      expect(run.stderr, sql).toBe('');
      const row = JSON.parse(run.stdout) as Record<string, string>;
      if ('d' in row) expect(row['d']).toBe('2024-01-02 00:00:00');
      if ('t' in row) expect(row['t']).toBe('2024-01-01 00:00:00');
      if ('url' in row) expect(row['url']).toMatch(/^https:\/\/examplebucket\.oss-cn-hangzhou\.aliyuncs\.com\/dir\/a\.txt\?x-oss-credential=LTAI5tWarehouse%2F20261123/);
    }
  });

  it('gives a second process a clear error while the first holds the warehouse', async () => {
    const first = await Session.open({ warehouse: dir, credentials: new StaticCredentialSource(new Credentials({ accessKeyId: 'a', accessKeySecret: 'b' })) });
    try {
      const second = await runCli(['--db', dir, '-c', 'SELECT 1'], { env: ENV });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`^FAILED: ODPS-0130025:Failed to I/O - warehouse .* is in use by another process \\(PID ${process.pid}\\): close it, or open another --db\\n$`));
    } finally {
      await first.close();
    }
    expect((await runCli(['--db', dir, '-c', 'SELECT 1'], { env: ENV })).code).toBe(0);
  });

  it('refuses a damaged catalog and a path that is a file, clearly', async () => {
    expect((await runCli(['--db', dir, '-c', 'SELECT 1'], { env: ENV })).code).toBe(0);
    writeFileSync(join(dir, 'catalog.json'), '{"version": 1, "projects": [');
    const damaged = await runCli(['--db', dir, '-c', 'SELECT 1'], { env: ENV });
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toContain('catalog.json is damaged');
    const file = join(dir, 'catalog.json');
    const notDir = await runCli(['--db', file, '-c', 'SELECT 1'], { env: ENV });
    expect(notDir.stderr).toContain('is a file; a warehouse is a directory');
    expect(readFileSync(file, 'utf8')).toBe('{"version": 1, "projects": [');
  });

  it('names why a new project cannot be opened once DuckDB file access is off', async () => {
    const run = await runCli(['--db', dir, '-c', 'USE open_project; SET enable_external_access=false; USE open_project; SELECT 1 AS one; USE brand_new;'], { env: ENV });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('one');
    expect(run.stderr).toMatch(/^FAILED: ODPS-0130071:\[1,\d+\] Semantic analysis exception - project brand_new cannot be opened in warehouse .*enable_external_access=false.*\n$/);
  });

  it('names why a warehouse cannot be made, below a file or where no directory can be, and never hangs', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const below = await runCli(['--db', join(file, 'sub', 'deeper'), '-c', 'SELECT 1'], { env: ENV });
    expect(below.code).toBe(1);
    expect(below.stderr).toBe(`FAILED: ODPS-0130025:Failed to I/O - cannot open or create warehouse directory ${join(file, 'sub', 'deeper')}: a part of the path is a file, not a directory\n`);
    expect(existsSync(join(dir, 'sub'))).toBe(false);
    // procfs: Node's recursive mkdir never returns there.
    if (existsSync('/proc/self')) {
      const proc = await runCli(['--db', '/proc/ossduck-no-such-dir', '-c', 'SELECT 1'], { env: ENV });
      expect(proc.code).toBe(1);
      expect(proc.stderr).toContain('cannot open or create warehouse directory /proc/ossduck-no-such-dir');
    }
    const nested = join(dir, 'a', 'b', 'c');
    expect((await runCli(['--db', nested, '-c', 'SELECT 1'], { env: ENV })).code).toBe(0);
    expect(existsSync(join(nested, 'projects'))).toBe(true);
  });
});

describe('project settings (SETPROJECT)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-setproject-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps them in the warehouse, applies them on USE, and lets a session SET override them', async () => {
    const set = await runCli(['--db', dir, '-c', 'USE tz_project; SETPROJECT odps.sql.timezone=UTC; SETPROJECT odps.sql.type.system.odps2=true'], { env: ENV });
    expect(set.code).toBe(0);
    const later = await runCli(
      ['--db', dir, '--format', 'jsonl', '-c', "USE tz_project; SETPROJECT; SELECT current_setting('TimeZone') AS tz; SET odps.sql.timezone=Asia/Tokyo; SELECT current_setting('TimeZone') AS tz"],
      { env: ENV },
    );
    expect(later.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { key: 'odps.sql.timezone', value: 'UTC' },
      { key: 'odps.sql.type.system.odps2', value: 'true' },
      { tz: 'UTC' },
      { tz: 'Asia/Tokyo' },
    ]);
    const other = await runCli(['--db', dir, '--format', 'jsonl', '-c', "USE another_project; SELECT current_setting('TimeZone') AS tz"], { env: ENV });
    expect(JSON.parse(other.stdout)).toEqual({ tz: 'Asia/Shanghai' });
  });

  it('validates what it keeps', async () => {
    const bad = await runCli(['--db', dir, '-c', 'USE tz_project; SETPROJECT odps.sql.timezone=GMT+8'], { env: ENV });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("odps.sql.timezone 'GMT+8' is not a time zone");
  });
});
