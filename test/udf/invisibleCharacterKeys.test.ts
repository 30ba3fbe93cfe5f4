import OSS from 'ali-oss';
import { describe, expect, it, vi } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { parseQuery } from '../../src/oss/signing/QueryParam.js';
import { Session } from '../../src/session/Session.js';
import { runCli } from '../support/runCli.js';
import { lastRows } from '../support/sessionProbe.js';

/** Keys whose every code point matters: each names another object than the key without it. */
const KEYS = [
  '\ufeffa.txt',
  '\ufeff',
  '\ufeff\ufeffx',
  'a.txt\ufeff',
  'a\u200bb.txt',
  '\u200d',
  'a\u00a0b.txt',
  'a\u3000b.txt',
  '\u200fright-to-left.txt',
  'e\u0301.txt',
  '\u00e9.txt',
  '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}.png',
  ' lead and trail ',
];

/** A SQL expression for `text` built from chr(): the script holds no raw invisible character. */
function sqlOf(text: string): string {
  return [...text].map((ch) => `chr(${ch.codePointAt(0)})`).join(' || ');
}

const NOW = Date.UTC(2026, 10, 23, 12);
const ID = 'LTAI5tInvisibleKeys';
const SECRET = 'invisible-keys-secret';

function aliOss(v4: boolean): OSS {
  return new OSS({ region: 'oss-cn-hangzhou', accessKeyId: ID, accessKeySecret: SECRET, bucket: 'examplebucket', secure: true, authorizationV4: v4 } as OSS.Options);
}

/** ali-oss's URL for `objectName` (GET, 600 s), with its clock at NOW. */
async function reference(objectName: string, v4: boolean): Promise<string> {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  try {
    const client = aliOss(v4);
    if (!v4) return client.signatureUrl(objectName, { expires: 600 });
    return await (client as unknown as { signatureUrlV4(m: string, e: number, r: object, k: string): Promise<string> }).signatureUrlV4('GET', 600, {}, objectName);
  } finally {
    vi.useRealTimers();
  }
}

/** The parts that must agree: origin, the decoded object name, the query parameters as a set. */
function parts(url: string): { origin: string; object: string; query: (readonly [string, string | null])[] } {
  const parsed = new URL(url);
  return { origin: parsed.origin, object: decodeURIComponent(parsed.pathname.slice(1)), query: [...parseQuery(parsed.search.slice(1))].sort((a, b) => (a[0] < b[0] ? -1 : 1)) };
}

describe('keys with invisible characters, marks and joiners', () => {
  it('sign the object they name, byte for byte, as ali-oss does (V4 and V1)', async () => {
    const session = await Session.open({ credentials: new StaticCredentialSource(new Credentials({ accessKeyId: ID, accessKeySecret: SECRET })), clock: () => NOW, routing: {} });
    try {
      await session.run("CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/'");
      const values = KEYS.map((k, i) => `(${i}, ${sqlOf(k)})`).join(', ');
      for (const version of ['v4', 'v1'] as const) {
        await session.run(`SET ossduck.signature_version=${version}`);
        const rows = await lastRows(session, `SELECT i, k, GET_SIGNED_URL_FROM_OSS('default_project.default.t', k, 600) AS url FROM (VALUES ${values}) v(i, k) ORDER BY i`);
        expect(rows.map((r) => r[1])).toEqual(KEYS);
        for (const [i, key, url] of rows) {
          const objectName = `dir/${key as string}`;
          const theirs = await reference(objectName, version === 'v4');
          expect(parts(String(url)).object, `${version} ${i}`).toBe(objectName);
          expect(parts(String(url)), `${version} key ${JSON.stringify(key)}`).toEqual(parts(theirs));
        }
      }
    } finally {
      await session.close();
    }
  });

  it('print whole in every output format', async () => {
    const values = KEYS.map((k, i) => `(${i}, ${sqlOf(k)})`).join(', ');
    const sql = `SELECT k FROM (VALUES ${values}) v(i, k) ORDER BY i`;
    const env = { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET };
    const jsonl = await runCli(['--format', 'jsonl', '-c', sql], { env });
    expect(jsonl.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { k: string }).k)).toEqual(KEYS);
    const json = await runCli(['--format', 'json', '-c', sql], { env });
    expect((JSON.parse(json.stdout) as { k: string }[]).map((r) => r.k)).toEqual(KEYS);
    const csv = await runCli(['--format', 'csv', '-c', sql], { env });
    expect(csv.stdout.split('\n').slice(1, -1).map((f) => (f.startsWith('"') ? f.slice(1, -1) : f))).toEqual(KEYS);
    const line = await runCli(['--format', 'line', '-c', sql], { env });
    expect(line.stdout.split('\n').filter((l) => l.startsWith('k = ')).map((l) => l.slice(4))).toEqual(KEYS);
    const markdown = await runCli(['--format', 'markdown', '-c', sql], { env });
    expect(markdown.stdout.split('\n').slice(2, -1).map((l) => l.slice(2, l.lastIndexOf(' |')).replace(/ +$/, ''))).toEqual(KEYS.map((k) => k.replace(/ +$/, '')));
    const box = await runCli(['-c', sql], { env });
    for (const key of KEYS) expect(box.stdout).toContain(key);
  });
});
