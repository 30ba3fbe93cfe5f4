import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/oss/signing/QueryParam.js';
import { runCli } from '../support/runCli.js';
import { ServeProcess } from '../support/ServeProcess.js';

const exec = promisify(execFile);
const ID = 'LTAI5tE2eExplainKey';
const SECRET = 'E2eExplainSecret-never-printed-2718';
const CONTENT = 'test maxcompute download files by url';

/** Real curl: status code and body. */
async function curl(args: readonly string[]): Promise<{ status: number; body: string }> {
  const { stdout } = await exec('curl', ['-s', '-g', '-o', '-', '-w', '\n%{http_code}', ...args], { maxBuffer: 16 * 1024 * 1024 });
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

interface Explanation {
  verdict: 'accepted' | 'refused' | 'unverified';
  reason: string;
  oss: { status: number; code: string; message: string } | null;
  checks: { name: string; status: string; detail: string }[];
}

describe('ossduck explain-url against ossduck serve and curl', () => {
  let root: string;
  let serve: ServeProcess;
  let env: Record<string, string>;
  const outputs: string[] = [];
  const SETUP = `USE e2e_explain;
    CREATE OBJECT TABLE IF NOT EXISTS docs LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/object-table-test/object_table_folder/';`;
  const TABLE = 'e2e_explain.default.docs';

  async function sql(script: string, extraEnv: Record<string, string> = {}): Promise<Record<string, string>[]> {
    const run = await runCli(['--format', 'jsonl', '-c', `${SETUP} ${script}`], { env: { ...env, ...extraEnv } });
    outputs.push(run.stdout, run.stderr);
    if (run.code !== 0) throw new Error(`ossduck failed (${run.code}): ${run.stderr}`);
    return run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
  }

  async function explain(url: string, args: readonly string[] = []): Promise<{ code: number | null; e: Explanation }> {
    const run = await runCli(['explain-url', '--format', 'json', ...args, url], { env });
    outputs.push(run.stdout, run.stderr);
    expect(run.stderr).toBe('');
    return { code: run.code, e: JSON.parse(run.stdout) as Explanation };
  }

  /** explain-url's verdict and OSS answer against what the emulator really answers curl. */
  async function crossCheck(url: string, explainArgs: readonly string[] = [], curlArgs: readonly string[] = []): Promise<Explanation> {
    const [{ code, e }, got] = await Promise.all([explain(url, explainArgs), curl([...curlArgs, url])]);
    if (e.verdict === 'accepted') {
      expect(code).toBe(0);
      expect(got.status, got.body).toBe(200);
    } else {
      expect(code).toBe(1);
      expect(e.verdict).toBe('refused');
      expect(got.status).toBe(e.oss!.status);
      expect(got.body).toContain(`<Code>${e.oss!.code}</Code>`);
    }
    return e;
  }

  let v4: string;
  let v1: string;
  let put: string;
  let plus: { key: string; url: string };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ossduck-e2e-explain-'));
    const folder = join(root, 'object-table-test', 'object_table_folder');
    mkdirSync(join(folder, 'plus'), { recursive: true });
    writeFileSync(join(folder, 'signedget.txt'), CONTENT);
    writeFileSync(join(folder, 'empty.txt'), '');
    for (let i = 0; i < 64; i++) writeFileSync(join(folder, 'plus', `${i}.txt`), `plus ${i}`);
    serve = await ServeProcess.start(['--port', '0', '--root', root], { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET });
    env = { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET, OSSDUCK_OSS_ENDPOINT: serve.ossUrl, OSSDUCK_STS_ENDPOINT: serve.stsUrl };
    const [a] = await sql(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'signedget.txt') AS url;`);
    const [b] = await sql(`SET ossduck.signature_version=v1; SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'signedget.txt') AS url;`);
    const [c] = await sql(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'in/upload.csv', 600, 'PUT') AS url;`);
    v4 = a!['url']!;
    v1 = b!['url']!;
    put = c!['url']!;
    // V1 URLs signed at a fixed instant (Expires far ahead, which V1 allows), so the search for a
    // Signature holding a '+' is the same on every run: the first of plus/0.txt, plus/1.txt, ...
    const rows = await sql(
      `SET ossduck.signature_version=v1; SET ossduck.signing_time=2099-01-01T00:00:00Z;
       SELECT k, GET_SIGNED_URL_FROM_OSS('${TABLE}', k) AS url FROM (SELECT i, 'plus/' || i || '.txt' AS k FROM range(64) r(i)) ORDER BY i;`,
    );
    const found = rows.find((r) => parseQuery(r['url']!.split('?')[1]!).some(([n, v]) => n === 'Signature' && v!.includes('+')));
    if (!found) throw new Error('no V1 signature with a + among 64 keys');
    plus = { key: found['k']!, url: found['url']! };
  }, 120_000);

  afterAll(async () => {
    expect(await serve.stop()).toBe(0);
    for (const text of [...outputs, serve.stderr]) expect(text).not.toContain(SECRET);
    rmSync(root, { recursive: true, force: true });
  });

  it('calls valid V4 and V1 URLs valid, and curl gets the object', async () => {
    for (const url of [v4, v1]) {
      const e = await crossCheck(url);
      expect(e.verdict).toBe('accepted');
      expect((await curl([url])).body).toBe(CONTENT);
    }
  });

  it('calls a URL refused once expired, as the emulator does', async () => {
    const past = new Date(Date.now() - 3000).toISOString();
    const [row] = await sql(`SET ossduck.signing_time=${past}; SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'signedget.txt', 1) AS url;`);
    const e = await crossCheck(row!['url']!);
    expect(e.reason).toMatch(/^it expired \d+ s ago/);
    expect(e.oss).toMatchObject({ status: 403, code: 'AccessDenied', message: 'Request has expired.' });
  });

  it('tells a changed signature, a cut one and a changed key apart from a valid URL', async () => {
    const flipped = v4.replace(/x-oss-signature=([0-9a-f])/, (_m, ch: string) => `x-oss-signature=${ch === '0' ? '1' : '0'}`);
    const cut = v4.replace(/(x-oss-signature=[0-9a-f]{20})[0-9a-f]*/, '$1');
    const otherKey = v4.replace('signedget.txt', 'empty.txt');
    const [a, b, c] = await Promise.all([crossCheck(flipped), crossCheck(cut), crossCheck(otherKey)]);
    expect(a.oss?.code).toBe('SignatureDoesNotMatch');
    expect(a.reason).toContain('something it covers was changed after signing');
    expect(b.reason).toContain('x-oss-signature is not 64 lower-case hex digits (it has 20 characters): it was cut short or altered');
    expect(c.reason).toContain("key 'object_table_folder/empty.txt'");
  });

  it("catches a '+' left raw in a V1 Signature, which curl then sends and OSS reads as a space", async () => {
    expect(plus.key).toBe('plus/3.txt');
    const good = await crossCheck(plus.url);
    expect(good.verdict).toBe('accepted');
    const raw = plus.url.replace(/Signature=[^&]*/, (m) => m.replaceAll('%2B', '+'));
    expect(raw).not.toBe(plus.url);
    const e = await crossCheck(raw);
    expect(e.oss?.code).toBe('SignatureDoesNotMatch');
    expect(e.checks.find((c) => c.name === 'plus-sign')?.status).toBe('fail');
    expect(e.reason).toMatch(/^Signature holds a raw '\+', which OSS reads as a space/);
  });

  it('calls a URL signed with another AccessKey InvalidAccessKeyId, as the emulator does', async () => {
    const [row] = await sql(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'signedget.txt') AS url;`, {
      OSS_ACCESS_KEY_ID: 'LTAI5tNotTheAccount',
      OSS_ACCESS_KEY_SECRET: 'some-other-secret',
    });
    const e = await crossCheck(row!['url']!);
    expect(e.oss?.code).toBe('InvalidAccessKeyId');
    expect(e.reason).toMatch(/^signed by AccessKeyId LTAI5tNotTheAccount, but the environment's is LTAI5tE2eExplainKey/);
  });

  it("says a PUT URL is for PUT, and that curl's form Content-Type breaks it; the fixed request uploads", async () => {
    const asGet = await crossCheck(put);
    expect(asGet.reason).toContain('the URL was signed for PUT, not GET');
    const form = await crossCheck(
      put,
      ['-X', 'PUT', '-H', 'Content-Type: application/x-www-form-urlencoded'],
      ['-X', 'PUT', '--data-binary', 'a,b'],
    );
    expect(form.reason).toContain('it matches a PUT without the headers given');
    const fixed = await crossCheck(put, ['-X', 'PUT', '-H', 'Content-Type:'], ['-X', 'PUT', '-H', 'Content-Type:', '--data-binary', 'a,b']);
    expect(fixed.verdict).toBe('accepted');
  });

  it('a RoleARN URL is unverified with the account key, and accepted in the session that holds its STS credentials', async () => {
    const rows = await sql(`
      CREATE OBJECT TABLE IF NOT EXISTS roled LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/object-table-test/object_table_folder/'
        WITH SERDEPROPERTIES ('odps.properties.rolearn'='acs:ram::1234567890123456:role/aliyunodpsdefaultrole');
      SELECT u AS url, OSSDUCK_EXPLAIN_URL(u).verdict AS verdict
      FROM (SELECT GET_SIGNED_URL_FROM_OSS('e2e_explain.default.roled', 'signedget.txt', 600) AS u);`);
    const { url, verdict } = rows[0]!;
    expect(verdict).toBe('accepted');
    const { code, e } = await explain(url!);
    expect(code).toBe(1);
    expect(e.verdict).toBe('unverified');
    expect(e.checks.find((c) => c.name === 'security-token')?.detail).toMatch(/^an ossduck emulator token CAIS/);
    expect((await curl([url!])).status).toBe(200);
  });
});
