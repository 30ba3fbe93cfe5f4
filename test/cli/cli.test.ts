import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OSS from 'ali-oss';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseQuery } from '../../src/oss/signing/QueryParam.js';
import { runCli } from '../support/runCli.js';

const ID = 'LTAI5tCliTestKey';
const SECRET = 'CliTestSecret-DoNotLeak-271828';
const TOKEN = 'CAIS+sts/token=value==';
const ENV = { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET };
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

/** Hundreds of awkward keys: spaces, + % ~ !'()* # ? & // \ quotes, CJK, emoji, long ones. */
function awkwardKeys(): string[] {
  const pieces = [' ', '+', '%', '~', '!', "'", '(', ')', '*', '#', '?', '&', '//', '\\', '"', '=', ';', '中文', '😀', '%20', '%2B', '..', 'é', '[', ']', '{', '}', '|', '^', '`', '<', '>', ',', '$', '@', ':'];
  const keys: string[] = [];
  for (const a of pieces) for (const b of pieces.slice(0, 8)) keys.push(`k${a}x${b}y`);
  keys.push('x'.repeat(1000), `${'中'.repeat(300)}.txt`, 'a/b/c/d.txt', '/lead', 'trail/', 'sp ace/in dir/f.txt');
  return keys;
}

function sqlString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

function script(endpoint: string, keys: readonly string[], extra = ''): string {
  const values = keys.map((k, i) => `(${sqlString(k)}, ${[1, 60, 3600, 604800][i % 4]}, '${i % 3 === 0 ? 'put' : 'GET'}')`).join(',\n');
  return `
    USE cli_project;
    CREATE SCHEMA IF NOT EXISTS s;
    CREATE OBJECT TABLE IF NOT EXISTS cli_project.s.t LOCATION 'oss://${endpoint}/examplebucket/dir/';
    SET ossduck.signing_time=2026-11-23T12:00:00Z;
    ${extra}
    SELECT k, ttl, m, GET_SIGNED_URL_FROM_OSS('cli_project.s.t', k, ttl, m) AS url FROM (VALUES ${values}) v(k, ttl, m);
  `;
}

function sorted(url: string): [string, string | null][] {
  return parseQuery(new URL(url).search.slice(1)).sort((a, b) => (a[0] < b[0] ? -1 : 1)) as [string, string | null][];
}

async function expectSameAsAliOss(rows: { k: string; ttl: number; m: string; url: string }[], options: { v4: boolean; internal: boolean; token?: string }) {
  const client = new OSS({
    region: 'oss-cn-hangzhou',
    internal: options.internal,
    accessKeyId: ID,
    accessKeySecret: SECRET,
    stsToken: options.token,
    refreshSTSTokenInterval: 3_600_000,
    bucket: 'examplebucket',
    secure: true,
  } as OSS.Options);
  for (const row of rows) {
    const method = row.m.toUpperCase() as 'GET' | 'PUT';
    const theirs = options.v4
      ? await client.signatureUrlV4(method, row.ttl, undefined, `dir/${row.k}`)
      : client.signatureUrl(`dir/${row.k}`, { expires: row.ttl, method });
    const ours = new URL(row.url);
    const reference = new URL(theirs);
    expect(ours.origin, row.k).toBe(reference.origin);
    expect(decodeURIComponent(ours.pathname), row.k).toBe(decodeURIComponent(reference.pathname));
    expect(sorted(row.url), row.k).toEqual(sorted(theirs));
  }
}

function parseJsonl(stdout: string) {
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as { k: string; ttl: number; m: string; url: string });
}

describe('ossduck CLI: GET_SIGNED_URL_FROM_OSS against ali-oss', () => {
  const keys = awkwardKeys();
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it(`signs ${keys.length} awkward keys as signatureUrlV4 does`, async () => {
    const run = await runCli(['--format', 'jsonl', '-c', script('oss-cn-hangzhou.aliyuncs.com', keys)], { env: ENV });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = parseJsonl(run.stdout);
    expect(rows.map((r) => r.k)).toEqual(keys);
    await expectSameAsAliOss(rows, { v4: true, internal: false });
  });

  it('signs them as signatureUrl does after SET ossduck.signature_version=v1', async () => {
    const run = await runCli(['--format', 'jsonl', '-c', script('oss-cn-hangzhou.aliyuncs.com', keys, 'SET ossduck.signature_version=v1;')], { env: ENV });
    expect(run.code).toBe(0);
    await expectSameAsAliOss(parseJsonl(run.stdout), { v4: false, internal: false });
  });

  it('carries OSS_SESSION_TOKEN, V4 and V1', async () => {
    const env = { ...ENV, OSS_SESSION_TOKEN: TOKEN };
    const v4 = await runCli(['--format', 'jsonl', '-c', script('oss-cn-hangzhou.aliyuncs.com', keys.slice(0, 60))], { env });
    expect(v4.code).toBe(0);
    await expectSameAsAliOss(parseJsonl(v4.stdout), { v4: true, internal: false, token: TOKEN });
    const v1 = await runCli(['--format', 'jsonl', '-c', script('oss-cn-hangzhou.aliyuncs.com', keys.slice(0, 60), 'SET ossduck.signature_version=v1;')], { env });
    expect(v1.code).toBe(0);
    await expectSameAsAliOss(parseJsonl(v1.stdout), { v4: false, internal: false, token: TOKEN });
  });

  it('signs for -internal endpoints', async () => {
    const run = await runCli(['--format', 'jsonl', '-c', script('oss-cn-hangzhou-internal.aliyuncs.com', keys.slice(0, 60))], { env: ENV });
    expect(run.code).toBe(0);
    await expectSameAsAliOss(parseJsonl(run.stdout), { v4: true, internal: true });
  });
});

const TABLE_SETUP = `USE cli_project; CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/'; SET ossduck.signing_time=2026-11-23T12:00:00Z;`;

describe('ossduck CLI: broken rules', () => {
  it.each([
    ["GET_SIGNED_URL_FROM_OSS('cli_project.default.t', 'k', 0)", 'timeToLiveSeconds 0 is out of range; allowed 1 to 604800'],
    ["GET_SIGNED_URL_FROM_OSS('cli_project.default.t', 'k', 604801)", 'timeToLiveSeconds 604801 is out of range'],
    ["GET_SIGNED_URL_FROM_OSS('cli_project.default.t', 'k', -5)", 'timeToLiveSeconds -5 is out of range'],
    ["GET_SIGNED_URL_FROM_OSS('cli_project.default.t', 'k', 60, DATETIME '2026-11-24 00:00:00', 'GET')", 'mutually exclusive'],
    ["GET_SIGNED_URL_FROM_OSS('cli_project.default.t', 'k', 60, 'DELETE')", "httpMethod 'DELETE' is not allowed; allowed: GET (download) or PUT (upload)"],
    ["GET_SIGNED_URL_FROM_OSS('cli_project.default.t', 'k', DATETIME '2026-11-23 19:59:00')", 'lies 60 s before or at the signing instant'],
    ["GET_SIGNED_URL_FROM_OSS('cli_project.default.t', 'k', DATETIME '2026-12-30 20:00:00')", 'must lie 1 to 604800 seconds (7 days) after it'],
    ["GET_SIGNED_URL_FROM_OSS('cli_project.default.nope', 'k')", 'table cli_project.default.nope cannot be resolved'],
  ])('%s exits 1 naming the argument, the value and the range', async (call, message) => {
    const run = await runCli(['--format', 'jsonl', '-c', `${TABLE_SETUP} SELECT ${call} AS url FROM range(3)`], { env: ENV });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^FAILED: ODPS-\d{7}:\[1,\d+\] /);
    expect(lines[0]).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr + run.stdout).not.toContain(SECRET);
  });

  it('prints no rows when one row among 1,000 breaks a rule', async () => {
    const run = await runCli(
      ['--format', 'jsonl', '-c', `${TABLE_SETUP} SELECT GET_SIGNED_URL_FROM_OSS('cli_project.default.t', 'k' || i::VARCHAR, IF(i = 999, 0, 60)) FROM range(1000) r(i)`],
      { env: ENV },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('timeToLiveSeconds 0 is out of range');
  });

  it('names the credential variables when an OSS endpoint is set but no credentials are', async () => {
    const run = await runCli(['-c', `${TABLE_SETUP} SELECT GET_SIGNED_URL_FROM_OSS('cli_project.default.t', 'k')`], {
      env: { OSSDUCK_OSS_ENDPOINT: 'http://127.0.0.1:1', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^FAILED: ODPS-0130013:\[1,\d+\] Authorization exception - no OSS credentials found: set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET/);
  });
});

describe('ossduck CLI: OSSDUCK_EXPLAIN_URL in the embedded default', () => {
  it("calls another key's URL unverified, without starting the embedded local OSS", async () => {
    const url =
      'https://examplebucket.oss-cn-hangzhou.aliyuncs.com/dir/k?x-oss-credential=LTAI5tSomeoneElse%2F20261123%2Fcn-hangzhou%2Foss%2Faliyun_v4_request' +
      `&x-oss-date=20261123T115900Z&x-oss-expires=3600&x-oss-signature=${'a'.repeat(64)}&x-oss-signature-version=OSS4-HMAC-SHA256`;
    const run = await runCli([
      '--format',
      'jsonl',
      '-c',
      `SET ossduck.signing_time=2026-11-23T12:00:00Z; SELECT e.verdict, e.reason FROM (SELECT OSSDUCK_EXPLAIN_URL('${url}') AS e)`,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const row = JSON.parse(run.stdout) as { verdict: string; reason: string };
    expect(row.verdict).toBe('unverified');
    expect(row.reason).toContain('no credentials for AccessKeyId LTAI5tSomeoneElse are available');
    expect(row.reason).toContain('set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET');
  });
});

describe('ossduck CLI: scripts and formats', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-cli-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a script file in order and stops at the first error, with its position', async () => {
    const file = join(dir, 'job.sql');
    writeFileSync(file, "SELECT 1 AS a;\n-- a comment; with a semicolon\nSELECT * FROM\n  missing_table;\nSELECT 'never' AS b;\n");
    const run = await runCli(['--format', 'jsonl', '-f', file], { env: ENV });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('{"a":1}\n');
    expect(run.stderr).toBe('FAILED: ODPS-0130131:[4,3] Table not found - table missing_table cannot be resolved\n');
  });

  it('reads a script from standard input when it is not a terminal', async () => {
    const run = await runCli(['--format', 'csv'], { env: ENV, input: "SELECT 1 AS a, 'x,y' AS b, NULL AS c;" });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('a,b,c\n1,"x,y",\n');
  });

  it('writes json arrays, one per statement with rows', async () => {
    const run = await runCli(['--format', 'json', '-c', "SELECT 1 AS a UNION ALL SELECT 2 ORDER BY a; SET odps.sql.timezone=UTC; SELECT 'z' AS b"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('[{"a":1},\n{"a":2}]\n[{"b":"z"}]\n');
  });

  it('draws a box by default with types and NULL', async () => {
    const run = await runCli(['-c', "SELECT 42 AS n, NULL::VARCHAR AS s"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('│    n    │    s    │');
    expect(run.stdout).toContain('│ integer │ varchar │');
    expect(run.stdout).toContain('│      42 │ NULL    │');
    expect(run.stdout).toContain('1 row');
  });

  it('writes markdown and line formats', async () => {
    const md = await runCli(['--format', 'markdown', '-c', "SELECT 1 AS a, 'x' AS b"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toBe('| a   | b   |\n|----:|-----|\n|   1 | x   |\n');
    const line = await runCli(['--format=line', '-c', "SELECT 1 AS a, NULL AS bb"]);
    expect(line.code).toBe(0);
    expect(line.stdout).toBe(' a = 1\nbb = NULL\n');
  });

  it('shows a TIMESTAMPTZ inside a STRUCT, LIST or MAP in the session zone, as it shows one alone', async () => {
    const sql = "SELECT TIMESTAMPTZ '2026-01-01 00:00:00Z' AS t, {'t': TIMESTAMPTZ '2026-01-01 00:00:00Z', 's': 'it''s'} AS s, [TIMESTAMPTZ '2026-01-01 00:00:00Z', NULL] AS l, MAP {'k': TIMESTAMPTZ '2026-01-01 00:00:00Z'} AS m";
    const line = await runCli(['--format', 'line', '-c', sql]);
    expect(line.stdout).toBe(
      "t = 2026-01-01 08:00:00\ns = {'t': 2026-01-01 08:00:00, 's': 'it''s'}\nl = [2026-01-01 08:00:00, NULL]\nm = {'k': 2026-01-01 08:00:00}\n",
    );
    const jsonl = await runCli(['--format', 'jsonl', '--set', 'odps.sql.timezone=UTC', '-c', sql]);
    expect(JSON.parse(jsonl.stdout)).toEqual({
      t: '2026-01-01 00:00:00',
      s: { t: '2026-01-01 00:00:00', s: "it's" },
      l: ['2026-01-01 00:00:00', null],
      m: [{ key: 'k', value: '2026-01-01 00:00:00' }],
    });
  });

  it('parts the statements of a script with a blank line in markdown and line formats', async () => {
    const script = 'SELECT 1 AS a; CREATE TABLE x AS SELECT 1 AS y; SELECT 2 AS b WHERE false; SELECT 3 AS c;';
    const md = await runCli(['--format', 'markdown', '-c', script]);
    expect(md.stdout).toBe('| a   |\n|----:|\n|   1 |\n\n| b   |\n|----:|\n\n| c   |\n|----:|\n|   3 |\n');
    const line = await runCli(['--format', 'line', '-c', script]);
    expect(line.stdout).toBe('a = 1\n\nc = 3\n');
  });

  it('stops quietly with 141 when the reader of its output goes away (| head)', () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'ossduck.js');
    const out = execFileSync('bash', ['-c', `err=$(mktemp); node '${bin}' --format csv -c 'SELECT * FROM range(2000000) t(n); CREATE TABLE never AS SELECT 1' 2>"$err" | head -2; echo "code \${PIPESTATUS[0]}"; cat "$err"; rm -f "$err"`], {
      encoding: 'utf8',
      env: { ...process.env, OSS_ACCESS_KEY_ID: '', OSS_ACCESS_KEY_SECRET: '' },
    });
    expect(out).toBe('n\n0\ncode 141\n');
  });

  it('prints results of hundreds of thousands of rows in box and markdown', async () => {
    const box = await runCli(['-c', 'SELECT * FROM range(300000) t(n)']);
    expect(box.stderr).toBe('');
    expect(box.stdout.trimEnd().split('\n').at(-1)).toBe('300000 rows');
    const md = await runCli(['--format', 'markdown', '-c', 'SELECT * FROM range(300000) t(n)']);
    expect(md.stderr).toBe('');
    expect(md.stdout.trimEnd().split('\n').at(-1)).toBe('| 299999 |');
  });

  it.each([
    [['--format', 'xml', '-c', 'SELECT 1'], "--format 'xml' is not allowed; choose one of box, jsonl, json, csv, markdown, line"],
    [['--bogus'], "unknown option '--bogus'"],
    [['-f', '/nonexistent/job.sql'], "cannot read script file '/nonexistent/job.sql': no such file"],
    [['-c'], '--command needs a value'],
    [['stray'], "unexpected argument 'stray'"],
  ])('refuses %j with exit 2 and one line', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
  });

  it('prints help from the option table', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('-c, --command SQL');
    expect(run.stdout).toContain('--format FORMAT');
  });
});
