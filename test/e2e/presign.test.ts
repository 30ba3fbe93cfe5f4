import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.js';
import { ServeProcess } from '../support/ServeProcess.js';

const exec = promisify(execFile);
const ID = 'LTAI5tPresignE2eKey';
const SECRET = 'PresignE2eSecret-never-printed-577';

interface CurlResult {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Real curl: status, response headers (lower-case names) and body. */
async function curl(args: readonly string[]): Promise<CurlResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ossduck-curl-'));
  try {
    const { stdout } = await exec('curl', ['-s', '-g', '-D', join(dir, 'headers'), '-o', join(dir, 'body'), '-w', '%{http_code}', ...args]);
    const headers: Record<string, string> = {};
    for (const line of readFileSync(join(dir, 'headers'), 'utf8').split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    return { status: Number(stdout), headers, body: readFileSync(join(dir, 'body'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('OSSDUCK_PRESIGN, table URL properties and oss_presign_prefix against ossduck serve, with curl', () => {
  let root: string;
  let db: string;
  let serve: ServeProcess;
  let env: Record<string, string>;
  const outputs: string[] = [];

  const SEED: Record<string, string> = {
    'docs/report.txt': 'quarterly report',
    'docs/notes.txt': 'meeting notes',
    'docs/data.csv': 'a,b\n1,2\n',
    'docs/img/photo.jpg': 'not really a jpeg',
    'docs/img/readme.txt': 'images folder',
  };

  const SETUP = `USE e2e_presign;
    CREATE OBJECT TABLE IF NOT EXISTS docs LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/presign-e2e/docs/';
    CREATE OBJECT TABLE IF NOT EXISTS readonly_docs LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/presign-e2e/docs/'
      TBLPROPERTIES ('ossduck.allowed_methods'='GET', 'ossduck.max_ttl'='600');`;

  /** Runs a script as a user's job would, rows as JSON lines. */
  async function sql(script: string): Promise<Record<string, unknown>[]> {
    const run = await runCli(['--db', db, '--format', 'jsonl', '-c', `${SETUP} ${script}`], { env });
    outputs.push(run.stdout, run.stderr);
    if (run.code !== 0) throw new Error(`ossduck failed (${run.code}): ${run.stderr}`);
    return run.stdout.trim() === '' ? [] : run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  async function presignedUrl(key: string, options: string): Promise<string> {
    const [row] = await sql(`SELECT OSSDUCK_PRESIGN('e2e_presign.default.docs', '${key}', ${options}).url AS url;`);
    return String(row!['url']);
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ossduck-presign-root-'));
    db = mkdtempSync(join(tmpdir(), 'ossduck-presign-db-'));
    for (const [key, content] of Object.entries(SEED)) {
      mkdirSync(join(root, 'presign-e2e', key, '..'), { recursive: true });
      writeFileSync(join(root, 'presign-e2e', key), content);
    }
    serve = await ServeProcess.start(['--port', '0', '--root', root], { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET });
    env = { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET, OSSDUCK_OSS_ENDPOINT: serve.ossUrl, OSSDUCK_STS_ENDPOINT: serve.stsUrl };
  }, 60_000);

  afterAll(async () => {
    expect(await serve.stop()).toBe(0);
    expect(serve.stderr).not.toContain(SECRET);
    for (const text of outputs) expect(text).not.toContain(SECRET);
    rmSync(root, { recursive: true, force: true });
    rmSync(db, { recursive: true, force: true });
  });

  it('a URL with response-content-disposition downloads with that Content-Disposition', async () => {
    const url = await presignedUrl('report.txt', `MAP {'response-content-disposition': 'attachment; filename="Q3 report.txt"', 'ttl': '300'}`);
    const got = await curl([url]);
    expect(got.status).toBe(200);
    expect(got.headers['content-disposition']).toBe('attachment; filename="Q3 report.txt"');
    expect(got.body).toBe(SEED['docs/report.txt']);
  });

  it('a PUT URL signed with Content-Type: text/plain takes that type and refuses application/json with SignatureDoesNotMatch', async () => {
    const [row] = await sql(
      `SELECT p.url, p.method, p.signed_headers FROM (SELECT OSSDUCK_PRESIGN('e2e_presign.default.docs', 'uploads/new.txt', MAP {'method': 'PUT', 'Content-Type': 'text/plain'}) AS p);`,
    );
    expect(row!['method']).toBe('PUT');
    expect(row!['signed_headers']).toEqual([{ key: 'Content-Type', value: 'text/plain' }]);
    const url = String(row!['url']);
    const refused = await curl(['-X', 'PUT', '-H', 'Content-Type: application/json', '--data-binary', '{"a":1}', url]);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    const taken = await curl(['-X', 'PUT', '-H', 'Content-Type: text/plain', '--data-binary', 'plain text upload', url]);
    expect(taken.status).toBe(200);
    const back = await curl([await presignedUrl('uploads/new.txt', 'NULL')]);
    expect(back.body).toBe('plain text upload');
    expect(back.headers['content-type']).toBe('text/plain');
  });

  it('a versionId URL returns that version\'s bytes, not the latest', async () => {
    // Versioning is switched on as a user would, with the OSS SDK.
    const sdk = new OSS({ region: 'oss-cn-hangzhou', endpoint: serve.ossUrl, accessKeyId: ID, accessKeySecret: SECRET, bucket: 'presign-e2e', authorizationV4: true } as OSS.Options);
    await (sdk as unknown as { putBucketVersioning(name: string, status: string): Promise<unknown> }).putBucketVersioning('presign-e2e', 'Enabled');
    const put = await presignedUrl('versioned.txt', `MAP {'method': 'PUT'}`);
    const first = await curl(['-X', 'PUT', '-H', 'Content-Type:', '--data-binary', 'version one', put]);
    const second = await curl(['-X', 'PUT', '-H', 'Content-Type:', '--data-binary', 'version two, the latest', put]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const firstId = first.headers['x-oss-version-id']!;
    expect(firstId).toMatch(/^CAEQ/);
    expect(second.headers['x-oss-version-id']).not.toBe(firstId);
    const old = await curl([await presignedUrl('versioned.txt', `MAP {'versionId': '${firstId}'}`)]);
    expect(old.status).toBe(200);
    expect(old.body).toBe('version one');
    expect(old.headers['x-oss-version-id']).toBe(firstId);
    expect((await curl([await presignedUrl('versioned.txt', 'NULL')])).body).toBe('version two, the latest');
  });

  it('a table limited to GET refuses a PUT URL request, naming the property', async () => {
    const run = await runCli(['--db', db, '-c', `${SETUP} SELECT OSSDUCK_PRESIGN('e2e_presign.default.readonly_docs', 'x.txt', MAP {'method': 'PUT'});`], { env });
    outputs.push(run.stdout, run.stderr);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      "Invalid arguments - OSSDUCK_PRESIGN: table e2e_presign.default.readonly_docs allows GET URLs only (TBLPROPERTIES 'ossduck.allowed_methods'='GET'); method PUT is refused",
    );
    const legacy = await runCli(['--db', db, '-c', `${SETUP} SELECT GET_SIGNED_URL_FROM_OSS('e2e_presign.default.readonly_docs', 'x.txt', 60, 'PUT');`], { env });
    outputs.push(legacy.stdout, legacy.stderr);
    expect(legacy.code).toBe(1);
    expect(legacy.stderr).toContain("GET_SIGNED_URL_FROM_OSS: table e2e_presign.default.readonly_docs allows GET URLs only");
  });

  it('routes a URL for a custom-domain table to the local OSS, where its CNAME signature verifies', async () => {
    const rows = await sql(`CREATE OBJECT TABLE IF NOT EXISTS cdn_docs LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/presign-e2e/docs/'
        TBLPROPERTIES ('ossduck.url.endpoint'='static.example.com');
      SELECT GET_SIGNED_URL_FROM_OSS('e2e_presign.default.cdn_docs', 'notes.txt') AS url;`);
    const url = String(rows[0]!['url']);
    expect(url.startsWith(`${serve.ossUrl}/presign-e2e/docs/notes.txt?`)).toBe(true);
    const got = await curl([url]);
    expect(got.status).toBe(200);
    expect(got.body).toBe(SEED['docs/notes.txt']);
  });

  it('oss_presign_prefix with include := *.txt returns exactly the .txt objects, and each URL downloads', async () => {
    const rows = await sql(`SELECT key, size, url FROM oss_presign_prefix('e2e_presign.default.docs', include := '*.txt', ttl := 300) WHERE key NOT LIKE 'uploads/%' AND key NOT LIKE 'versioned%' ORDER BY key;`);
    expect(rows.map((r) => r['key'])).toEqual(['img/readme.txt', 'notes.txt', 'report.txt']);
    for (const row of rows) {
      const key = String(row['key']);
      expect(row['size']).toBe(Buffer.byteLength(SEED[`docs/${key}`]!));
      const got = await curl([String(row['url'])]);
      expect(got.status, key).toBe(200);
      expect(got.body).toBe(SEED[`docs/${key}`]);
    }
  });
});
