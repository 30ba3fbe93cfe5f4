import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';
import { signedRequest, xmlField } from './httpClient.js';

/** GetObject with Range over HTTP: OSS's lenient default and `x-oss-range-behavior: standard`. */

let env: Running;
const SIZE = 1000;
const CONTENT = Buffer.from(Array.from({ length: SIZE }, (_, i) => i % 251));

beforeAll(async () => {
  env = await startEmulator({ buckets: ['bkt'] });
  expect((await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'r.bin', body: CONTENT })).status).toBe(200);
  expect((await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'empty.bin', body: Buffer.alloc(0) })).status).toBe(200);
  expect((await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'one.bin', body: Buffer.from('z') })).status).toBe(200);
});

afterAll(async () => {
  await env.close();
});

function get(range: string, standard = false, key = 'r.bin') {
  const headers: [string, string][] = [['Range', range]];
  if (standard) headers.push(['x-oss-range-behavior', 'standard']);
  return signedRequest(env, { method: 'GET', bucket: 'bkt', key, headers });
}

describe('OssEmulator GetObject ranges', () => {
  const partial: readonly [string, number, number][] = [
    ['bytes=0-0', 0, 0],
    ['bytes=999-999', 999, 999],
    ['bytes=0-499', 0, 499],
    ['bytes=500-', 500, 999],
    ['bytes=-1', 999, 999],
    ['bytes=-100', 900, 999],
    ['bytes=0-', 0, 999],
  ];
  for (const [range, start, end] of partial) {
    it(`${range} → 206 bytes ${start}-${end}`, async () => {
      const res = await get(range);
      expect(res.status).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${SIZE}`);
      expect(res.headers['content-length']).toBe(String(end - start + 1));
      expect(Buffer.compare(res.body, CONTENT.subarray(start, end + 1))).toBe(0);
      // ETag and CRC are the whole object's.
      expect(res.headers['etag']).toMatch(/^"[0-9A-F]{32}"$/);
    });
  }

  for (const range of ['bytes=1000-', 'bytes=1000-2000', 'bytes=900-2000', 'bytes=-2000', 'bytes=-0', 'bytes=abc', 'byte=0-1', 'bytes=5-3', 'bytes=0-1,5-6']) {
    it(`${range} is ignored by default: 200 with the whole object`, async () => {
      const res = await get(range);
      expect(res.status).toBe(200);
      expect(res.headers['content-range']).toBeUndefined();
      expect(Buffer.compare(res.body, CONTENT)).toBe(0);
    });
  }

  it('with x-oss-range-behavior: standard, clamps an end past the end (206)', async () => {
    const res = await get('bytes=900-2000', true);
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe('bytes 900-999/1000');
    expect(res.body.length).toBe(100);
  });

  it('with x-oss-range-behavior: standard, answers a start past the end with 416 InvalidRange', async () => {
    const res = await get('bytes=1000-', true);
    expect(res.status).toBe(416);
    expect(xmlField(res.text, 'Code')).toBe('InvalidRange');
    expect(res.headers['content-range']).toBe('bytes */1000');
  });

  it('with x-oss-range-behavior: standard, serves a suffix longer than the object whole (206)', async () => {
    const res = await get('bytes=-2000', true);
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe('bytes 0-999/1000');
  });

  const EDGES: readonly [range: string, standard: boolean, key: string, status: number, contentRange: string | undefined][] = [
    ['bytes=-1000', false, 'r.bin', 206, 'bytes 0-999/1000'],
    ['bytes=999-', false, 'r.bin', 206, 'bytes 999-999/1000'],
    ['bytes=0-999', false, 'r.bin', 206, 'bytes 0-999/1000'],
    ['bytes=0-1000', false, 'r.bin', 200, undefined],
    ['bytes=0-1000', true, 'r.bin', 206, 'bytes 0-999/1000'],
    ['bytes=-0', true, 'r.bin', 416, 'bytes */1000'],
    ['bytes=0-99999999999999999999', false, 'r.bin', 200, undefined],
    ['bytes=0-99999999999999999999', true, 'r.bin', 206, 'bytes 0-999/1000'],
    ['bytes=99999999999999999999-', true, 'r.bin', 416, 'bytes */1000'],
    ['bytes=abc', true, 'r.bin', 200, undefined],
    ['bytes=--1', true, 'r.bin', 200, undefined],
    ['bytes= 0-1', false, 'r.bin', 200, undefined],
    ['Bytes=0-1', false, 'r.bin', 200, undefined],
    ['bytes=0-0', false, 'one.bin', 206, 'bytes 0-0/1'],
    ['bytes=-1', false, 'one.bin', 206, 'bytes 0-0/1'],
    ['bytes=1-', false, 'one.bin', 200, undefined],
    ['bytes=1-', true, 'one.bin', 416, 'bytes */1'],
  ];
  for (const [range, standard, key, status, contentRange] of EDGES) {
    it(`${key} ${range}${standard ? ' (standard)' : ''} → ${status}${contentRange ? ` ${contentRange}` : ''}`, async () => {
      const res = await get(range, standard, key);
      expect(res.status).toBe(status);
      expect(res.headers['content-range']).toBe(contentRange);
      if (status === 200) expect(res.body.length).toBe(key === 'one.bin' ? 1 : SIZE);
    });
  }

  it('an empty object: any range is ignored by default, 416 when standard', async () => {
    const lenient = await get('bytes=0-', false, 'empty.bin');
    expect(lenient.status).toBe(200);
    expect(lenient.body.length).toBe(0);
    expect((await get('bytes=0-', true, 'empty.bin')).status).toBe(416);
  });
});
