import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { runCli } from '../support/runCli.js';
import { ServeProcess } from '../support/ServeProcess.js';

const exec = promisify(execFile);
const ID = 'LTAI5tE2eLocalKey';
const SECRET = 'E2eSecret-never-printed-1618';

/** Real curl: status code, body and nothing else. */
async function curl(args: readonly string[]): Promise<{ status: number; body: string }> {
  const { stdout } = await exec('curl', ['-s', '-g', '-o', '-', '-w', '\n%{http_code}', ...args], { maxBuffer: 64 * 1024 * 1024 });
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

describe('ossduck against ossduck serve', () => {
  let root: string;
  let serve: ServeProcess;
  let env: Record<string, string>;
  const outputs: string[] = [];

  const SEED: Record<string, string> = {
    'object_table_folder/signedget.txt': 'test maxcompute download files by url',
    'object_table_folder/a b+c.txt': 'spaces and plus',
    'object_table_folder/sub/中文.bin': 'x'.repeat(12345),
    'object_table_folder/empty.txt': '',
    'other_folder/not-listed.txt': 'outside the location',
  };

  /** Runs a script on a warehouse kept between runs, as a user's job would. */
  async function sql(script: string, extraEnv: Record<string, string> = {}): Promise<Record<string, unknown>[]> {
    const run = await runCli(['--db', db, '--format', 'jsonl', '-c', script], { env: { ...env, ...extraEnv } });
    outputs.push(run.stdout, run.stderr);
    if (run.code !== 0) throw new Error(`ossduck failed (${run.code}): ${run.stderr}`);
    return run.stdout.trim() === '' ? [] : run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  const SETUP = `USE e2e_project; CREATE SCHEMA IF NOT EXISTS s;
    CREATE OBJECT TABLE IF NOT EXISTS e2e_project.s.docs LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/object-table-test/object_table_folder/';`;
  let db: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ossduck-e2e-root-'));
    db = mkdtempSync(join(tmpdir(), 'ossduck-e2e-db-'));
    for (const [key, content] of Object.entries(SEED)) {
      mkdirSync(join(root, 'object-table-test', key, '..'), { recursive: true });
      writeFileSync(join(root, 'object-table-test', key), content);
    }
    serve = await ServeProcess.start(['--port', '0', '--root', root], { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET });
    env = { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET, OSSDUCK_OSS_ENDPOINT: serve.ossUrl, OSSDUCK_STS_ENDPOINT: serve.stsUrl };
    await sql(`${SETUP} ALTER TABLE e2e_project.s.docs REFRESH METADATA;`);
  }, 60_000);

  afterAll(async () => {
    expect(await serve.stop()).toBe(0);
    expect(serve.stderr).not.toContain(SECRET);
    for (const text of outputs) expect(text).not.toContain(SECRET);
    rmSync(root, { recursive: true, force: true });
    rmSync(db, { recursive: true, force: true });
  });

  it('refreshes exactly the objects under the prefix, with their exact sizes', async () => {
    const rows = await sql(`${SETUP} ALTER TABLE s.docs REFRESH METADATA; SELECT key, size, type, storage_class, etag FROM s.docs ORDER BY key;`);
    const expected = Object.entries(SEED)
      .filter(([k]) => k.startsWith('object_table_folder/'))
      .map(([k, v]) => ({ key: k.slice('object_table_folder/'.length), size: Buffer.byteLength(v) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(rows.map((r) => ({ key: r['key'], size: r['size'] }))).toEqual(expected);
    expect(rows.every((r) => r['type'] === 'Normal' && r['storage_class'] === 'Standard' && /^[0-9A-F]{32}$/.test(String(r['etag'])))).toBe(true);
  });

  it('signs GET URLs that plain curl downloads byte for byte, V4 and V1', async () => {
    for (const version of ['v4', 'v1']) {
      const rows = await sql(
        `${SETUP} SET ossduck.signature_version=${version}; SELECT key, GET_SIGNED_URL_FROM_OSS('e2e_project.s.docs', key) AS url FROM e2e_project.s.docs ORDER BY key;`,
      );
      expect(rows.length).toBe(4);
      for (const row of rows) {
        const got = await curl([String(row['url'])]);
        expect(got.status, `${version} ${row['key']}`).toBe(200);
        expect(got.body).toBe(SEED[`object_table_folder/${String(row['key'])}`]);
      }
    }
  });

  it('refuses a changed signature, another key, and a PUT through a GET URL', async () => {
    const [row] = await sql(`${SETUP} SELECT GET_SIGNED_URL_FROM_OSS('e2e_project.s.docs', 'signedget.txt') AS url;`);
    const url = String(row!['url']);
    const tampered = url.replace(/x-oss-signature=([0-9a-f])/, (_m, c: string) => `x-oss-signature=${c === '0' ? '1' : '0'}`);
    const bad = await curl([tampered]);
    expect(bad.status).toBe(403);
    expect(bad.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    const other = await curl([url.replace('signedget.txt', 'empty.txt')]);
    expect(other.status).toBe(403);
    expect(other.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    const put = await curl(['-X', 'PUT', '--data-binary', 'overwrite', url]);
    expect(put.status).toBe(403);
    expect(readFileSync(join(root, 'object-table-test', 'object_table_folder', 'signedget.txt'), 'utf8')).toBe(SEED['object_table_folder/signedget.txt']);
  });

  it('uploads through a signed PUT URL, and the object reads back', async () => {
    const [row] = await sql(`${SETUP} SELECT GET_SIGNED_URL_FROM_OSS('e2e_project.s.docs', 'in/new.csv', 600, 'PUT') AS url;`);
    const put = await curl(['-X', 'PUT', '-H', 'Content-Type:', '--data-binary', 'a,b\n1,2\n', String(row!['url'])]);
    expect(put.status).toBe(200);
    const [back] = await sql(`${SETUP} SELECT STRING(GET_DATA_FROM_OSS('e2e_project.s.docs', 'in/new.csv')) AS content;`);
    expect(back!['content']).toBe('a,b\n1,2\n');
  });

  it('refuses a 1-second URL 2 s later as expired', async () => {
    const past = new Date(Date.now() - 2000).toISOString();
    const [row] = await sql(`${SETUP} SET ossduck.signing_time=${past}; SELECT GET_SIGNED_URL_FROM_OSS('e2e_project.s.docs', 'signedget.txt', 1) AS url;`);
    const got = await curl([String(row!['url'])]);
    expect(got.status).toBe(403);
    expect(got.body).toContain('<Code>AccessDenied</Code>');
    expect(got.body).toContain('Request has expired');
  });

  it('keeps a signed ../../../../etc/hostname inside the root: 404, nothing read or written outside', async () => {
    const [row] = await sql(`${SETUP} SELECT GET_SIGNED_URL_FROM_OSS('e2e_project.s.docs', '../../../../etc/hostname') AS url;`);
    const got = await curl(['--path-as-is', String(row!['url'])]);
    expect(got.status).toBe(404);
    expect(got.body).toContain('<Code>NoSuchKey</Code>');
    const [put] = await sql(`${SETUP} SELECT GET_SIGNED_URL_FROM_OSS('e2e_project.s.docs', '../../../../escape.txt', 60, 'PUT') AS url;`);
    expect((await curl(['--path-as-is', '-X', 'PUT', '-H', 'Content-Type:', '--data-binary', 'x', String(put!['url'])])).status).toBe(200);
    expect(existsSync(join(root, '..', 'escape.txt'))).toBe(false);
    expect(readdirSync(root).filter((n) => !n.startsWith('.'))).toEqual(['object-table-test']);
  });

  it('signs a RoleARN table with an STS token from AssumeRole, and the URL downloads', async () => {
    const [row] = await sql(`${SETUP}
      CREATE OBJECT TABLE IF NOT EXISTS e2e_project.s.roled LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/object-table-test/object_table_folder/'
        WITH SERDEPROPERTIES ('odps.properties.rolearn'='acs:ram::1234567890123456:role/aliyunodpsdefaultrole');
      SELECT GET_SIGNED_URL_FROM_OSS('e2e_project.s.roled', 'signedget.txt', 600) AS url;`);
    const url = new URL(String(row!['url']));
    expect(url.searchParams.get('x-oss-security-token')).toBeTruthy();
    expect(url.searchParams.get('x-oss-credential')).toMatch(/^STS\./);
    const got = await curl([url.href]);
    expect(got.status).toBe(200);
    expect(got.body).toBe(SEED['object_table_folder/signedget.txt']);
  });

  it('reads content with GET_DATA_FROM_OSS: ranges, and the missing-object policies', async () => {
    const script = `${SETUP}
      SELECT STRING(GET_DATA_FROM_OSS('e2e_project.s.docs', 'signedget.txt')) AS whole,
             STRING(GET_DATA_FROM_OSS('e2e_project.s.docs', 'signedget.txt', 5, 9)) AS part,
             STRING(GET_DATA_FROM_OSS('e2e_project.s.docs', 'signedget.txt', 1000)) AS past_end,
             GET_DATA_FROM_OSS('e2e_project.s.docs', 'gone.txt') IS NULL AS missing_null,
             GET_DATA_FROM_OSS('e2e_project.s.docs', 'gone.txt', 0, -1, 'warn_and_null') IS NULL AS missing_warn;`;
    const run = await runCli(['--format', 'jsonl', '-c', script], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ whole: 'test maxcompute download files by url', part: 'maxcomput', past_end: '', missing_null: true, missing_warn: true });
    expect(run.stderr).toContain('WARNING: GET_DATA_FROM_OSS: object oss://object-table-test/object_table_folder/gone.txt does not exist');
    const thrown = await runCli(['-c', `${SETUP} SELECT GET_DATA_FROM_OSS('e2e_project.s.docs', 'gone.txt', 0, -1, 'THROW_EXCEPTION')`], { env });
    expect(thrown.code).toBe(1);
    expect(thrown.stderr).toMatch(/^FAILED: ODPS-0130025:\[\d+,\d+\] Failed to I\/O - GET_DATA_FROM_OSS: object .*gone\.txt does not exist/);
  });

  it('keeps the previous metadata when a refresh fails part-way', async () => {
    const before = await sql(`${SETUP} ALTER TABLE e2e_project.s.docs REFRESH METADATA; SELECT count(*) AS n FROM e2e_project.s.docs;`);
    expect(Number(before[0]!['n'])).toBeGreaterThan(0);
    const wh = ['--db', db];
    const failed = await runCli([...wh, '-c', `ALTER TABLE e2e_project.s.docs REFRESH METADATA;`], { env: { ...env, OSS_ACCESS_KEY_SECRET: 'wrong-secret' } });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('SignatureDoesNotMatch');
    const after = await runCli([...wh, '--format', 'jsonl', '-c', 'SELECT count(*) AS n FROM e2e_project.s.docs'], { env });
    expect(JSON.parse(after.stdout)).toEqual(before[0]);
  });
});

describe('ossduck with nothing configured', () => {
  it('starts the embedded local OSS (in the warehouse with --db), says so in one line, and works against it', async () => {
    const db = mkdtempSync(join(tmpdir(), 'ossduck-embedded-'));
    try {
      mkdirSync(join(db, 'oss', 'examplebucket', 'dir'), { recursive: true });
      writeFileSync(join(db, 'oss', 'examplebucket', 'dir', 'seeded.txt'), 'seeded by copying a file');
      const run = await runCli([
        '--db',
        db,
        '--format',
        'jsonl',
        '-c',
        `CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/examplebucket/dir/';
         ALTER TABLE t REFRESH METADATA; SELECT key, size FROM t;
         SELECT STRING(GET_DATA_FROM_OSS('default_project.default.t', 'seeded.txt')) AS content;
         SELECT GET_SIGNED_URL_FROM_OSS('default_project.default.t', 'k') AS url;`,
      ]);
      expect(run.code).toBe(0);
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toBe(
        `ossduck: no OSS endpoint or credentials set; using the embedded local OSS at ${/http:\/\/127\.0\.0\.1:\d+/.exec(lines[0]!)?.[0]} (buckets in ${db}/oss); ` +
          `its URLs stop working when this process ends: run ossduck serve --db ${db} to keep them working`,
      );
      const [listed, content, url] = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(listed).toEqual({ key: 'seeded.txt', size: 24 });
      expect(content).toEqual({ content: 'seeded by copying a file' });
      expect(String(url!['url'])).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/examplebucket\/dir\/k\?x-oss-credential=LTAI/);
    } finally {
      rmSync(db, { recursive: true, force: true });
    }
  });

  it('answers NoSuchBucket, as OSS does, for a bucket the local OSS does not have', async () => {
    const run = await runCli(['-c', `CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/nobucket/dir/'; ALTER TABLE t REFRESH METADATA;`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('listing oss://nobucket/dir/ failed: NoSuchBucket (HTTP 404)');
  });

  it('says nothing and starts nothing for a script that never touches OSS', async () => {
    const run = await runCli(['--format', 'csv', '-c', 'SELECT 1 AS a']);
    expect(run).toEqual({ code: 0, stdout: 'a\n1\n', stderr: '' });
  });

  it('npm start: the documentation example downloads through its signed URL', async () => {
    const run = await runCli(['quickstart']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ALTER TABLE ot_demo_day REFRESH METADATA;');
    expect(run.stdout).toMatch(/│ signedget\.txt │\s+37 │/);
    expect(run.stdout).toMatch(/Signed URL:\nhttp:\/\/127\.0\.0\.1:\d+\/object-table-test\/object_table_folder\/signedget\.txt\?x-oss-credential=/);
    expect(run.stdout.trimEnd().endsWith('HTTP 200, 37 bytes:\ntest maxcompute download files by url')).toBe(true);
  });
});

describe('ossduck serve', () => {
  it('needs the account it accepts, and says which variables', async () => {
    const run = await runCli(['serve', '--port', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET');
  });

  it('refuses a bad port', async () => {
    const run = await runCli(['serve', '--port', 'http'], { env: { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("ossduck serve: --port 'http' is not a port: use 0 to 65535; see ossduck serve --help\n");
  });

  it('refuses a latency that is not a whole number of milliseconds from 0 to 60000, and lists --latency in its help', async () => {
    for (const bad of ['-5', '1.5', 'soon', '60001']) {
      const run = await runCli(['serve', '--port', '0', '--latency', bad], { env: { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET } });
      expect(run.code, bad).toBe(2);
      expect(run.stderr).toBe(`ossduck serve: --latency '${bad}' is not a delay: use a whole number of milliseconds from 0 to 60000; see ossduck serve --help\n`);
    }
    const help = await runCli(['serve', '--help']);
    expect(help.stdout).toContain('--latency MS');
    expect(help.stdout).toContain('wait MS milliseconds before answering each request');
  });

  it('delays every answer by --latency, OSS and STS alike', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ossduck-latency-'));
    mkdirSync(join(root, 'bkt'));
    writeFileSync(join(root, 'bkt', 'k.txt'), 'slow but right');
    const serve = await ServeProcess.start(['--port', '0', '--root', root, '--latency', '250'], { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET });
    try {
      const url = serve.presigner({ credentials: new Credentials({ accessKeyId: ID, accessKeySecret: SECRET }), bucket: 'bkt', method: 'GET' }).url('k.txt');
      for (const [what, target] of [['signed GET', url], ['refused GET', `${serve.ossUrl}/bkt/k.txt`], ['STS', `${serve.stsUrl}/?Action=AssumeRole`]] as const) {
        const started = performance.now();
        const res = await curl([target]);
        // A lower bound only: the delay is there; how much more a loaded machine adds is not asserted.
        expect(performance.now() - started, what).toBeGreaterThanOrEqual(250);
        expect(res.status, what).toBe(what === 'signed GET' ? 200 : what === 'STS' ? 400 : 403);
        if (what === 'signed GET') expect(res.body).toBe('slow but right');
      }
    } finally {
      expect(await serve.stop()).toBe(0);
      expect(serve.stderr).toContain('every answer delayed 250 ms');
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('says a port is taken, rather than failing inside', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const run = await runCli(['serve', '--port', String(port)], { env: { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET } });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`ossduck serve: port ${port} on 127.0.0.1 is in use by another process; choose another --port, or 0 for a free one; see ossduck serve --help\n`);
    } finally {
      taken.close();
    }
  });
});

describe('ossduck quickstart', () => {
  it('has help, and refuses options and arguments it does not take without running', async () => {
    const help = await runCli(['quickstart', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ossduck quickstart');
    const bogus = await runCli(['quickstart', '--bogus']);
    expect(bogus).toEqual({ code: 2, stdout: '', stderr: "ossduck quickstart: unknown option '--bogus'; options are --help; see ossduck quickstart --help\n" });
    const extra = await runCli(['quickstart', 'extra']);
    expect(extra).toEqual({ code: 2, stdout: '', stderr: "ossduck quickstart: unexpected argument 'extra'; see ossduck quickstart --help\n" });
  });
});
