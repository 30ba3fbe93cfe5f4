import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signHeaderV4 } from '../../src/oss/signing/HeaderSigner.js';
import { startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';
import { accountCredentials, rawRequest, signedRequest } from './httpClient.js';

/** What PutObject stores besides the bytes, and what GetObject/HeadObject give back. */

let env: Running;

beforeAll(async () => {
  env = await startEmulator({ buckets: ['bkt'] });
});

afterAll(async () => {
  await env.close();
});

describe('OssEmulator object metadata', () => {
  it('keeps UTF-8 x-oss-meta-* values byte for byte, signed as UTF-8 text', async () => {
    // SDKs sign the text and send its UTF-8 bytes; Node's client takes them as a Latin-1 string.
    const signed = signHeaderV4(
      { method: 'PUT', bucket: 'bkt', key: 'meta.txt', headers: [['x-oss-meta-city', '杭州 Hángzhōu']] },
      { credentials: accountCredentials, signTime: Math.floor(env.now / 1000), region: 'cn-hangzhou' },
    );
    const wire = signed.headers.map(([n, v]) => [n, Buffer.from(v, 'utf8').toString('latin1')] as [string, string]);
    const put = await rawRequest(env.emulator.port, 'PUT', '/bkt/meta.txt', wire, Buffer.from('x'));
    expect(put.status, put.text).toBe(200);
    const head = await signedRequest(env, { method: 'HEAD', bucket: 'bkt', key: 'meta.txt' });
    expect(Buffer.from(head.headers['x-oss-meta-city'] as string, 'latin1').toString('utf8')).toBe('杭州 Hángzhōu');
  });

  it('stores the standard headers and Content-Type, defaulting the type from the extension', async () => {
    const put = await signedRequest(env, {
      method: 'PUT',
      bucket: 'bkt',
      key: 'report.parquet',
      body: Buffer.from('PAR1'),
      headers: [['Content-Disposition', 'attachment'], ['Cache-Control', 'max-age=60'], ['Expires', 'Thu, 01 Jan 2037 00:00:00 GMT'], ['x-oss-storage-class', 'IA']],
    });
    expect(put.status).toBe(200);
    expect(put.headers['x-oss-hash-crc64ecma']).toMatch(/^\d+$/);
    const get = await signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'report.parquet' });
    expect(get.headers['content-type']).toBe('application/vnd.apache.parquet');
    expect(get.headers['content-disposition']).toBe('attachment');
    expect(get.headers['cache-control']).toBe('max-age=60');
    expect(get.headers['expires']).toBe('Thu, 01 Jan 2037 00:00:00 GMT');
    expect(get.headers['x-oss-storage-class']).toBe('IA');
    expect(get.headers['x-oss-object-type']).toBe('Normal');
    expect(get.headers['x-oss-hash-crc64ecma']).toBe(put.headers['x-oss-hash-crc64ecma']);
    expect(get.headers['last-modified']).toBe(new Date(Math.floor(env.now / 1000) * 1000).toUTCString());

    const typed = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'noext', body: Buffer.from('x'), headers: [['Content-Type', 'text/x-custom']] });
    expect(typed.status).toBe(200);
    expect((await signedRequest(env, { method: 'HEAD', bucket: 'bkt', key: 'noext' })).headers['content-type']).toBe('text/x-custom');
    await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'blob', body: Buffer.from('x') });
    expect((await signedRequest(env, { method: 'HEAD', bucket: 'bkt', key: 'blob' })).headers['content-type']).toBe('application/octet-stream');
  });

  it('refuses a storage class OSS does not have', async () => {
    const res = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'x', body: Buffer.from('x'), headers: [['x-oss-storage-class', 'Glacier']] });
    expect(res.status).toBe(400);
  });
});
