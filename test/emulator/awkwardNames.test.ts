import { readFileSync } from 'node:fs';
import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';
import { signHeaderV4 } from '../../src/oss/signing/HeaderSigner.js';
import { accountCredentials, getUrl, rawRequest, signedRequest, xmlField } from './httpClient.js';

/**
 * Every code point of a name survives the emulator: keys holding a leading
 * U+FEFF, zero-width characters, U+00A0, U+3000, U+200F, combining marks
 * (NFD beside NFC), emoji ZWJ sequences, control characters and dot
 * segments are stored, read, listed (V1 and V2, with and without
 * encoding-type=url) and deleted as themselves, and x-oss-meta-* values keep
 * the invisible characters at their ends.
 */

const AWKWARD = (JSON.parse(readFileSync(new URL('../fixtures/awkward-keys.json', import.meta.url), 'utf8')) as { why: string; key: string }[]).map((k) => k.key);

let env: Running;

const content = (key: string): string => `content of ${JSON.stringify(key)}`;

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function aliOss(v4: boolean): OSS {
  return new OSS({
    region: 'oss-cn-hangzhou',
    endpoint: `http://localhost:${env.emulator.port}`,
    sldEnable: true,
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    bucket: 'bkt',
    authorizationV4: v4,
  } as OSS.Options);
}

/** The text of every `<name>` element, in order. */
function elements(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);
}

/** XML text content as a lenient parser reads it: the five entities and numeric references. */
function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9A-F]+|lt|gt|amp|quot|apos);/gi, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(parseInt(e.slice(2), 16)) : ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e]!,
  );
}

beforeAll(async () => {
  env = await startEmulator({ buckets: ['bkt'] });
  env.now = Date.now();
  for (const key of AWKWARD) {
    const put = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key, body: Buffer.from(content(key)) });
    expect(put.status, `${JSON.stringify(key)}: ${put.text}`).toBe(200);
  }
});

afterAll(async () => {
  await env.close();
});

describe('OssEmulator and names with invisible characters', () => {
  it('serves each key its own object through ali-oss signatureUrl (V1) and signatureUrlV4', async () => {
    for (const v4 of [false, true]) {
      const client = aliOss(v4);
      for (const key of AWKWARD) {
        const url = v4 ? await client.signatureUrlV4('GET', 600, undefined, key) : client.signatureUrl(key, { expires: 600 });
        const res = await getUrl(url);
        expect([res.status, res.text], `${v4 ? 'V4' : 'V1'} ${JSON.stringify(key)}`).toEqual([200, content(key)]);
      }
    }
  });

  it('lists each key once, exactly, in V1 and V2, with encoding-type=url and without', async () => {
    const sorted = [...AWKWARD].sort(byBytes);
    for (const listType of [[], [['list-type', '2']]] as const) {
      const encoded = await signedRequest(env, { method: 'GET', bucket: 'bkt', query: [...listType, ['encoding-type', 'url'], ['max-keys', '1000']] });
      expect(encoded.text).not.toContain('&#');
      expect(elements(encoded.text, 'Key').map((k) => decodeURIComponent(k))).toEqual(sorted);
      const plain = await signedRequest(env, { method: 'GET', bucket: 'bkt', query: [...listType, ['max-keys', '1000']] });
      expect(elements(plain.text, 'Key').map(unescapeXml)).toEqual(sorted);
    }
  });

  it('tells NFC from NFD and a marked name from the plain one: each its own object, each deleted alone', async () => {
    for (const [a, b] of [['\u00e9.txt', 'e\u0301.txt'], ['a.txt', '\ufeffa.txt']] as const) {
      expect((await signedRequest(env, { method: 'GET', bucket: 'bkt', key: a })).text).toBe(content(a));
      expect((await signedRequest(env, { method: 'GET', bucket: 'bkt', key: b })).text).toBe(content(b));
    }
    expect((await signedRequest(env, { method: 'DELETE', bucket: 'bkt', key: '\ufeffa.txt' })).status).toBe(204);
    expect((await signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'a.txt' })).text).toBe(content('a.txt'));
    const gone = await signedRequest(env, { method: 'GET', bucket: 'bkt', key: '\ufeffa.txt' });
    expect([gone.status, xmlField(gone.text, 'Key')]).toEqual([404, '\ufeffa.txt']);
  });

  it('keeps invisible characters at both ends of an x-oss-meta-* value', async () => {
    const note = '\ufeff\u00a0note\u200b\u3000';
    // A header carries bytes: the UTF-8 of the value, as the SDKs send it.
    const wire = Buffer.from(note, 'utf8').toString('latin1');
    const signed = signHeaderV4(
      { method: 'PUT', bucket: 'bkt', key: 'meta.txt', headers: [['x-oss-meta-note', note]] },
      { credentials: accountCredentials, signTime: Math.floor(env.now / 1000), region: 'cn-hangzhou' },
    );
    const headers = signed.headers.map(([n, v]) => [n, Buffer.from(v, 'utf8').toString('latin1')] as [string, string]);
    const put = await rawRequest(env.emulator.port, 'PUT', '/bkt/meta.txt', headers, Buffer.from('m'));
    expect(put.status, put.text).toBe(200);
    const head = await signedRequest(env, { method: 'HEAD', bucket: 'bkt', key: 'meta.txt' });
    expect(head.headers['x-oss-meta-note']).toBe(wire);
    expect(Buffer.from(String(head.headers['x-oss-meta-note']), 'latin1').toString('utf8')).toBe(note);
  });
});
