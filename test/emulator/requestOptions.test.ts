import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryParam } from '../../src/oss/signing/QueryParam.js';
import { startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';
import { getUrl, signedRequest, xmlField, emulatorPresigner } from './httpClient.js';

/**
 * What a presigned URL asks of the emulator beyond the plain operation:
 * response header overrides, x-oss-process, x-oss-traffic-limit,
 * x-oss-request-payer, and upload headers the URL signed.
 */

let env: Running;
const BIG = Buffer.alloc(150 * 1024, 7);

beforeAll(async () => {
  env = await startEmulator({ buckets: ['bkt'] });
  expect((await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'a.txt', body: Buffer.from('hello'), headers: [['Content-Type', 'text/plain']] })).status).toBe(200);
  expect((await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'big.bin', body: BIG })).status).toBe(200);
});

afterAll(async () => {
  await env.close();
});

interface UrlSpec {
  readonly method?: string;
  readonly query?: readonly QueryParam[];
  readonly headers?: readonly (readonly [string, string])[];
  readonly additionalHeaders?: readonly string[];
  readonly version?: 'v1' | 'v4';
}

function url(key: string, spec: UrlSpec = {}): string {
  env.now = Date.now();
  return emulatorPresigner(env, spec).url(key);
}

describe('OssEmulator response header overrides', () => {
  const OVERRIDES: [string, string, string][] = [
    ['response-content-type', 'content-type', 'application/x-ossduck'],
    ['response-content-disposition', 'content-disposition', 'attachment; filename="report 2026.txt"'],
    ['response-content-language', 'content-language', 'zh-CN'],
    ['response-cache-control', 'cache-control', 'no-store'],
    ['response-expires', 'expires', 'Thu, 01 Dec 2026 00:00:00 GMT'],
    ['response-content-encoding', 'content-encoding', 'identity'],
  ];

  for (const version of ['v4', 'v1'] as const) {
    it(`applies every response-* parameter to the GET response (${version})`, async () => {
      const res = await getUrl(url('a.txt', { version, query: OVERRIDES.map(([param, , value]) => [param, value]) }));
      expect(res.status).toBe(200);
      expect(res.text).toBe('hello');
      for (const [, headerName, value] of OVERRIDES) expect(res.headers[headerName]).toBe(value);
    });
  }

  it('leaves the stored headers when no override is asked', async () => {
    const res = await getUrl(url('a.txt'));
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['content-disposition']).toBeUndefined();
  });
});

describe('OssEmulator x-oss-process', () => {
  it('answers a well-formed process 501 NotImplemented after the signature checks, never the unprocessed object', async () => {
    const good = await getUrl(url('a.txt', { query: [['x-oss-process', 'image/resize,w_100/quality,q_80']] }));
    expect(good.status).toBe(501);
    expect(xmlField(good.text, 'Code')).toBe('NotImplemented');
    expect(xmlField(good.text, 'Message')).toContain('x-oss-process=image/resize,w_100/quality,q_80');
    const tampered = url('a.txt', { query: [['x-oss-process', 'image/resize,w_100']] }).replace('w_100', 'w_200');
    expect((await getUrl(tampered)).status).toBe(403);
  });

  it('refuses a malformed process with InvalidArgument', async () => {
    const res = await getUrl(url('a.txt', { query: [['x-oss-process', 'image/resize,,w_1']] }));
    expect(res.status).toBe(400);
    expect(xmlField(res.text, 'Code')).toBe('InvalidArgument');
    expect(xmlField(res.text, 'ArgumentName')).toBe('x-oss-process');
  });
});

describe('OssEmulator x-oss-traffic-limit', () => {
  it('refuses a limit outside 819200..838860800 bit/s, in the query or a header', async () => {
    for (const limit of ['819199', '838860801', 'fast']) {
      const res = await getUrl(url('a.txt', { query: [['x-oss-traffic-limit', limit]] }));
      expect(res.status).toBe(400);
      expect(xmlField(res.text, 'ArgumentName')).toBe('x-oss-traffic-limit');
    }
    const header = await signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'a.txt', headers: [['x-oss-traffic-limit', '100']] });
    expect(header.status).toBe(400);
  });

  it('sends the body no faster than the limit', async () => {
    const limit = 819_200; // 100 KiB/s
    const started = performance.now();
    const res = await getUrl(url('big.bin', { query: [['x-oss-traffic-limit', String(limit)]] }));
    const seconds = (performance.now() - started) / 1000;
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body, BIG)).toBe(0);
    // 150 KiB at 100 KiB/s: at least 1.5 s less the first 50 ms slice.
    expect(seconds).toBeGreaterThanOrEqual(((BIG.length - limit / 8 / 20) * 8) / limit - 0.01);
  });

  it('reads an upload no faster than the limit', async () => {
    const limit = 819_200;
    const body = Buffer.alloc(60 * 1024, 1);
    const started = performance.now();
    const res = await getUrl(url('slow-up.bin', { method: 'PUT', query: [['x-oss-traffic-limit', String(limit)]] }), 'PUT', body);
    expect(res.status).toBe(200);
    expect((performance.now() - started) / 1000).toBeGreaterThanOrEqual(((body.length - limit / 8 / 20) * 8) / limit - 0.01);
  });
});

describe('OssEmulator x-oss-request-payer', () => {
  it('takes requester and refuses anything else', async () => {
    expect((await getUrl(url('a.txt', { query: [['x-oss-request-payer', 'requester']] }))).status).toBe(200);
    const res = await getUrl(url('a.txt', { query: [['x-oss-request-payer', 'bucket-owner']] }));
    expect(res.status).toBe(400);
    expect(xmlField(res.text, 'ArgumentName')).toBe('x-oss-request-payer');
  });
});

describe('OssEmulator signed upload headers', () => {
  const put = (target: string, headers: readonly (readonly [string, string])[]) =>
    getUrl(target, 'PUT', Buffer.from('uploaded'), headers);

  for (const version of ['v4', 'v1'] as const) {
    it(`takes the Content-Type the URL signed and refuses another with SignatureDoesNotMatch (${version})`, async () => {
      const signed = url('up.txt', { version, method: 'PUT', headers: [['Content-Type', 'text/plain']] });
      const wrong = await put(signed, [['Content-Type', 'application/json']]);
      expect(wrong.status).toBe(403);
      expect(xmlField(wrong.text, 'Code')).toBe('SignatureDoesNotMatch');
      expect((await put(signed, [])).status).toBe(403);
      expect((await put(signed, [['Content-Type', 'text/plain']])).status).toBe(200);
      const back = await getUrl(url('up.txt'));
      expect(back.headers['content-type']).toBe('text/plain');
      expect(back.text).toBe('uploaded');
    });
  }

  it('enforces V4 additional headers and x-oss-meta-* the URL signed', async () => {
    const signed = url('meta.txt', {
      method: 'PUT',
      headers: [['Cache-Control', 'no-cache'], ['x-oss-meta-owner', 'ossduck']],
      additionalHeaders: ['cache-control'],
    });
    expect((await put(signed, [['x-oss-meta-owner', 'ossduck']])).status).toBe(403);
    expect((await put(signed, [['Cache-Control', 'max-age=60'], ['x-oss-meta-owner', 'ossduck']])).status).toBe(403);
    expect((await put(signed, [['Cache-Control', 'no-cache'], ['x-oss-meta-owner', 'someone']])).status).toBe(403);
    expect((await put(signed, [['Cache-Control', 'no-cache'], ['x-oss-meta-owner', 'ossduck']])).status).toBe(200);
    const back = await getUrl(url('meta.txt'));
    expect(back.headers['cache-control']).toBe('no-cache');
    expect(back.headers['x-oss-meta-owner']).toBe('ossduck');
  });

  it('refuses an unknown x-oss-object-acl', async () => {
    const res = await put(url('acl.txt', { method: 'PUT', headers: [['x-oss-object-acl', 'everyone']] }), [['x-oss-object-acl', 'everyone']]);
    expect(res.status).toBe(400);
    expect(xmlField(res.text, 'ArgumentName')).toBe('x-oss-object-acl');
  });
});
