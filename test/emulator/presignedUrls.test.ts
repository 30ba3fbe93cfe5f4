import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import type { QueryParam } from '../../src/oss/signing/QueryParam.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';
import { getUrl, signedRequest, xmlField, emulatorPresigner } from './httpClient.js';

/**
 * Presigned URLs, made by the project's Presigner and by ali-oss, fetched with
 * plain http.request as a browser or DuckDB would: they open exactly their
 * object, with exactly their method, until they expire.
 */

let env: Running;
/** Every byte value, so any re-encoding on the way would show. */
const CONTENT = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7 + 3) % 256));
const KEY = 'object_table_folder/signed get+1 (中文).bin';
const OTHER = 'object_table_folder/other.bin';

beforeAll(async () => {
  env = await startEmulator({ buckets: ['bkt'] });
  for (const key of [KEY, OTHER]) {
    const put = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key, body: CONTENT });
    expect(put.status).toBe(200);
  }
});

afterAll(async () => {
  await env.close();
});

function presigner(version: 'v1' | 'v4', method: string, expiresIn = 600, query?: readonly QueryParam[]): Presigner {
  return emulatorPresigner(env, { version, method, expiresIn, query });
}

function aliOss(v4: boolean): OSS {
  return new OSS({
    region: 'oss-cn-hangzhou',
    // signatureUrl refuses IP endpoints; localhost with sldEnable gives path-style URLs.
    endpoint: `http://localhost:${env.emulator.port}`,
    sldEnable: true,
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    bucket: 'bkt',
    authorizationV4: v4,
  } as OSS.Options);
}

/** Makers of a GET URL for a key, valid for `seconds`. */
const MAKERS: readonly { name: string; version: 'v1' | 'v4'; url: (key: string, seconds: number) => Promise<string> }[] = [
  { name: 'Presigner V1', version: 'v1', url: async (key, s) => presigner('v1', 'GET', s).url(key) },
  { name: 'Presigner V4', version: 'v4', url: async (key, s) => presigner('v4', 'GET', s).url(key) },
  { name: 'ali-oss signatureUrl', version: 'v1', url: async (key, s) => aliOss(false).signatureUrl(key, { expires: s }) },
  { name: 'ali-oss signatureUrlV4', version: 'v4', url: (key, s) => aliOss(true).signatureUrlV4('GET', s, undefined, key) },
];

describe('OssEmulator presigned URLs', () => {
  for (const maker of MAKERS) {
    describe(maker.name, () => {
      it('downloads the object byte for byte', async () => {
        env.now = Date.now();
        const res = await getUrl(await maker.url(KEY, 600));
        expect(res.status).toBe(200);
        expect(Buffer.compare(res.body, CONTENT)).toBe(0);
        expect(res.headers['content-length']).toBe(String(CONTENT.length));
      });

      it('is refused with SignatureDoesNotMatch when the signature is changed', async () => {
        env.now = Date.now();
        const url = await maker.url(KEY, 600);
        const param = maker.version === 'v1' ? 'Signature' : 'x-oss-signature';
        const u = new URL(url);
        const signature = u.searchParams.get(param) ?? '';
        const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
        const res = await getUrl(url.replace(`${param}=${encodeURIComponent(signature)}`, `${param}=${encodeURIComponent(flipped)}`));
        expect(res.status).toBe(403);
        expect(xmlField(res.text, 'Code')).toBe('SignatureDoesNotMatch');
        expect(xmlField(res.text, 'StringToSign')).toBeDefined();
        if (maker.version === 'v4') expect(xmlField(res.text, 'CanonicalRequest')).toContain('/bkt/object_table_folder/');
        expect(res.headers['x-oss-ec']).toBe(maker.version === 'v1' ? '0002-00000040' : '0002-00000201');
        expect(res.text).not.toContain(ACCESS_KEY_SECRET);
      });

      it('does not open another key', async () => {
        env.now = Date.now();
        const url = await maker.url(KEY, 600);
        const otherPath = new URL(await maker.url(OTHER, 600)).pathname;
        const res = await getUrl(url.replace(new URL(url).pathname, otherPath));
        expect(res.status).toBe(403);
        expect(xmlField(res.text, 'Code')).toBe('SignatureDoesNotMatch');
      });

      it('cannot PUT with a GET URL', async () => {
        env.now = Date.now();
        const res = await getUrl(await maker.url(KEY, 600), 'PUT', Buffer.from('overwritten'));
        expect(res.status).toBe(403);
        expect(xmlField(res.text, 'Code')).toBe('SignatureDoesNotMatch');
        const check = await getUrl(await maker.url(KEY, 600));
        expect(Buffer.compare(check.body, CONTENT)).toBe(0);
      });

      it('expires: 403 AccessDenied "Request has expired." once the clock passes the expiry', async () => {
        env.now = Date.now();
        const url = await maker.url(KEY, 60);
        expect((await getUrl(url)).status).toBe(200);
        env.now += 61_000;
        const res = await getUrl(url);
        expect(res.status).toBe(403);
        expect(xmlField(res.text, 'Code')).toBe('AccessDenied');
        expect(xmlField(res.text, 'Message')).toBe('Request has expired.');
        expect(xmlField(res.text, 'Expires')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
        expect(xmlField(res.text, 'ServerTime')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
        expect(res.headers['x-oss-ec']).toBe('0002-00000069');
        env.now = Date.now();
      });
    });
  }

  for (const version of ['v1', 'v4'] as const) {
    it(`uploads with a ${version} PUT URL, which then cannot be used to GET`, async () => {
      env.now = Date.now();
      const key = `uploads/${version}/new.csv`;
      const url = presigner(version, 'PUT').url(key);
      const put = await getUrl(url, 'PUT', Buffer.from('a,b\n1,2\n'));
      expect(put.status).toBe(200);
      expect(put.headers['etag']).toMatch(/^"[0-9A-F]{32}"$/);
      const get = await getUrl(presigner(version, 'GET').url(key));
      expect(get.text).toBe('a,b\n1,2\n');
      expect(get.headers['content-type']).toBe('text/csv');
      const wrongMethod = await getUrl(url);
      expect(wrongMethod.status).toBe(403);
      // A Content-Type the URL was not signed with is part of the signature too.
      const typed = await getUrl(url, 'PUT', Buffer.from('x'), [['Content-Type', 'text/plain']]);
      expect(typed.status).toBe(403);
    });

    it(`applies signed response-* overrides (${version})`, async () => {
      env.now = Date.now();
      const url = presigner(version, 'GET', 600, [
        ['response-content-disposition', 'attachment; filename="report.bin"'],
        ['response-content-type', 'application/x-report'],
        ['response-cache-control', 'no-store'],
        ['response-content-language', 'zh-CN'],
        ['response-expires', 'Thu, 01 Feb 2030 17:00:00 GMT'],
        ['response-content-encoding', 'identity'],
      ]).url(KEY);
      const res = await getUrl(url);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename="report.bin"');
      expect(res.headers['content-type']).toBe('application/x-report');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-language']).toBe('zh-CN');
      expect(res.headers['expires']).toBe('Thu, 01 Feb 2030 17:00:00 GMT');
      expect(res.headers['content-encoding']).toBe('identity');
      // The overrides are signed: changing one breaks the URL.
      const tampered = await getUrl(url.replace('no-store', 'public'));
      expect(tampered.status).toBe(403);
    });
  }

  it('refuses a V1 URL whose "+" in the signature was left raw (OSS reads it as a space)', async () => {
    env.now = Date.now();
    const signatureOf = (u: string): string => /Signature=([^&]*)/.exec(u)?.[1] ?? '';
    let url = '';
    for (let i = 0; i < 500 && !signatureOf(url).includes('%2B'); i++) url = presigner('v1', 'GET', 600 + i).url(KEY);
    expect(signatureOf(url)).toContain('%2B');
    expect((await getUrl(url)).status).toBe(200);
    const raw = url.replace(/Signature=([^&]*)/, (_, s: string) => `Signature=${s.replaceAll('%2B', '+')}`);
    const res = await getUrl(raw);
    expect(res.status).toBe(403);
    expect(xmlField(res.text, 'Code')).toBe('SignatureDoesNotMatch');
    expect(xmlField(res.text, 'SignatureProvided')).toContain(' ');
  });

  it('rejects a V4 URL with x-oss-expires outside 1..604800', async () => {
    env.now = Date.now();
    for (const expires of ['0', '604801']) {
      const url = presigner('v4', 'GET').url(KEY).replace(/x-oss-expires=\d+/, `x-oss-expires=${expires}`);
      const res = await getUrl(url);
      expect(res.status).toBe(400);
      expect(xmlField(res.text, 'Code')).toBe('InvalidArgument');
      expect(res.headers['x-oss-ec']).toBe('0002-00000232');
    }
  });

  it('checks expiry before the signature, as OSS does', async () => {
    env.now = Date.now();
    const url = presigner('v1', 'GET', 5).url(KEY).replace(/Signature=[^&]*/, 'Signature=forged');
    env.now += 6000;
    const res = await getUrl(url);
    expect(xmlField(res.text, 'Message')).toBe('Request has expired.');
    env.now = Date.now();
  });
});
