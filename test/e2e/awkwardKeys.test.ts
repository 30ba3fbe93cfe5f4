import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOssduck } from '../../src/index.js';
import type { Ossduck } from '../../src/index.js';
import { Credentials } from '../../src/oss/Credentials.js';
import { getUrl } from '../emulator/httpClient.js';
import { ServeProcess } from '../support/ServeProcess.js';

/**
 * Keys that break naive code paths, end to end on the local OSS: `./c.txt`,
 * `a/../b.txt`, `x//y.txt` and `\ufeffa.txt` beside `a.txt`, control,
 * invisible and combining characters. REFRESH METADATA lists each once;
 * GET_DATA_FROM_OSS reads each its own content; each row's signed URL
 * downloads its own object with real curl (--path-as-is: curl would squash
 * the dot segments otherwise) and a PUT URL writes its own object.
 */

const exec = promisify(execFile);
const AWKWARD = (JSON.parse(readFileSync(new URL('../fixtures/awkward-keys.json', import.meta.url), 'utf8')) as { why: string; key: string }[]).map((k) => k.key);
const TABLE = 'keys_project.default.t';
const SETUP = "USE keys_project; CREATE OBJECT TABLE IF NOT EXISTS t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/bkt/dir/';";

const ID = 'LTAI5tAwkwardKeys';
const SECRET = 'AwkwardKeysSecret-never-printed';

// GET_DATA_FROM_OSS waits synchronously on the main thread: the local OSS must run elsewhere (a real `ossduck serve`).
let root: string;
let serve: ServeProcess;
let duck: Ossduck;

const content = (key: string): string => `content of ${JSON.stringify(key)}`;

async function curl(args: readonly string[]): Promise<{ status: number; body: string }> {
  const { stdout } = await exec('curl', ['-s', '-g', '--path-as-is', '-o', '-', '-w', '\n%{http_code}', ...args]);
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const results = await duck.run(sql);
  return [...(results.at(-1)?.rows ?? [])];
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ossduck-awkward-'));
  mkdirSync(join(root, 'bkt'));
  serve = await ServeProcess.start(['--port', '0', '--root', root], { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET });
  const put = serve.presigner({ credentials: new Credentials({ accessKeyId: ID, accessKeySecret: SECRET }), bucket: 'bkt', method: 'PUT' });
  for (const key of [...AWKWARD.map((k) => `dir/${k}`), 'x//y/deep.txt', 'x//y/.', 'outside.txt']) {
    const res = await getUrl(put.url(key), 'PUT', Buffer.from(content(key)));
    expect(res.status, `${JSON.stringify(key)}: ${res.text}`).toBe(200);
  }
  duck = await openOssduck({ credentials: { accessKeyId: ID, accessKeySecret: SECRET }, ossEndpoint: serve.ossUrl, stsEndpoint: serve.stsUrl });
  await duck.run(`${SETUP} ALTER TABLE t REFRESH METADATA;`);
});

afterAll(async () => {
  await duck.close();
  expect(await serve.stop()).toBe(0);
  rmSync(root, { recursive: true, force: true });
});

describe('awkward keys end to end', () => {
  it('REFRESH METADATA lists each key once, exactly as stored', async () => {
    const listed = (await rows(`SELECT key FROM ${TABLE}`)).map((r) => String(r['key']));
    expect([...listed].sort(byBytes)).toEqual([...AWKWARD].sort(byBytes));
    expect(new Set(listed).size).toBe(AWKWARD.length);
  });

  it('GET_DATA_FROM_OSS reads each key its own content', async () => {
    const read = await rows(`SELECT key, STRING(GET_DATA_FROM_OSS('${TABLE}', key)) AS body FROM ${TABLE}`);
    expect(read.length).toBe(AWKWARD.length);
    for (const row of read) expect(row['body'], JSON.stringify(row['key'])).toBe(content(`dir/${String(row['key'])}`));
  });

  it("each row's GET URL downloads its own object with curl, V4 and V1", async () => {
    for (const version of ['v4', 'v1']) {
      const signed = await rows(`SET ossduck.signature_version=${version}; SELECT key, GET_SIGNED_URL_FROM_OSS('${TABLE}', key) AS url FROM ${TABLE}`);
      expect(signed.length).toBe(AWKWARD.length);
      for (const row of signed) {
        const got = await curl([String(row['url'])]);
        expect(got, `${version} ${JSON.stringify(row['key'])}`).toEqual({ status: 200, body: content(`dir/${String(row['key'])}`) });
      }
    }
    await duck.run('SET ossduck.signature_version=v4');
  });

  it('a PUT URL writes its own object and no look-alike: \\ufeffa.txt beside a.txt, ./c.txt beside c.txt', async () => {
    for (const key of ['\ufeffa.txt', './c.txt', 'a/../b.txt', 'x//y.txt', 'e\u0301.txt']) {
      const [row] = await rows(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', '${key.replaceAll("'", "''")}', 600, 'PUT') AS url`);
      const put = await curl(['-X', 'PUT', '-H', 'Content-Type:', '--data-binary', `rewritten ${key}`, String(row!['url'])]);
      expect(put.status, JSON.stringify(key)).toBe(200);
    }
    const after = new Map((await rows(`SELECT key, STRING(GET_DATA_FROM_OSS('${TABLE}', key)) AS body FROM ${TABLE}`)).map((r) => [String(r['key']), String(r['body'])]));
    for (const key of AWKWARD) {
      const rewritten = ['\ufeffa.txt', './c.txt', 'a/../b.txt', 'x//y.txt', 'e\u0301.txt'].includes(key);
      expect(after.get(key), JSON.stringify(key)).toBe(rewritten ? `rewritten ${key}` : content(`dir/${key}`));
    }
    // Nothing was written at the names a URL library would have resolved them to.
    const missing = await rows(`SELECT GET_DATA_FROM_OSS('${TABLE}', 'c.txt') IS NULL AS a, GET_DATA_FROM_OSS('${TABLE}', 'b.txt') IS NULL AS b`);
    expect(missing[0]).toEqual({ a: true, b: true });
  });

  it('lists the bucket root, and a LOCATION whose prefix holds //', async () => {
    await duck.run(`CREATE OBJECT TABLE root LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/bkt/'; ALTER TABLE root REFRESH METADATA;
      CREATE OBJECT TABLE dbl LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/bkt/x//y/'; ALTER TABLE dbl REFRESH METADATA;`);
    const root = (await rows('SELECT key FROM keys_project.default.root')).map((r) => String(r['key']));
    expect(root.length).toBe(AWKWARD.length + 3);
    expect(root).toContain('outside.txt');
    expect(root).toContain('x//y/.');
    const dbl = await rows("SELECT key, STRING(GET_DATA_FROM_OSS('keys_project.default.dbl', key)) AS body FROM keys_project.default.dbl ORDER BY key");
    expect(dbl).toEqual([
      { key: '.', body: content('x//y/.') },
      { key: 'deep.txt', body: content('x//y/deep.txt') },
    ]);
  });

  it('gives NULL under OUTPUT_NULL for a key no object can have, and fails under THROW_EXCEPTION', async () => {
    await duck.run("CREATE OBJECT TABLE IF NOT EXISTS root LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/bkt/'");
    const [row] = await rows(
      "SELECT GET_DATA_FROM_OSS('keys_project.default.root', '/abs') IS NULL AS slash, GET_DATA_FROM_OSS('keys_project.default.root', 'no-such.txt', 0, -1, 'OUTPUT_NULL') IS NULL AS missing",
    );
    expect(row).toEqual({ slash: true, missing: true });
    await expect(duck.run("SELECT GET_DATA_FROM_OSS('keys_project.default.root', '/abs', 0, -1, 'THROW_EXCEPTION')")).rejects.toThrow(
      "GET_DATA_FROM_OSS: key '/abs' gives object name '/abs', which OSS cannot hold (it starts with a slash or backslash, which OSS does not allow), so no such object exists; object_not_found_policy is THROW_EXCEPTION",
    );
  });
});
