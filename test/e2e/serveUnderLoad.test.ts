import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import type { Presigner } from '../../src/oss/signing/Presigner.js';
import { generatedContent, streamRequest } from '../support/bigObject.js';
import { runLoad } from '../support/LoadDriver.js';
import { megabytes, processMemory } from '../support/processMemory.js';
import { ServeProcess } from '../support/ServeProcess.js';

/**
 * `ossduck serve` as a user runs it, under load: thousands of presigned GETs
 * and PUTs 64 at a time, PUTs racing on one key, a 1 GiB object streamed in
 * and out, and hostile input, with the server's resident memory read from
 * /proc/<pid>/status (VmHWM, the high-water mark since it started).
 */

const ID = 'LTAI5tLoadTestKey';
const SECRET = 'LoadTestSecret-never-printed-3141';
const MEMORY_LIMIT = 300 * 1024 * 1024;
const GIB = 1024 ** 3;

describe('ossduck serve under load', () => {
  let root: string;
  let serve: ServeProcess;
  let pid: number;
  const credentials = new Credentials({ accessKeyId: ID, accessKeySecret: SECRET });

  function presigner(method: string, headers: readonly (readonly [string, string])[] = []): Presigner {
    return serve.presigner({ credentials, bucket: 'bkt', method, headers });
  }

  /** No upload in progress is left in the emulator's temporary folder. */
  async function noUploadsLeft(): Promise<void> {
    const tmp = join(root, '.ossduck', 'tmp');
    const deadline = Date.now() + 10_000;
    while (readdirSync(tmp).some((n) => n.endsWith('.part'))) {
      if (Date.now() > deadline) throw new Error(`uploads left in ${tmp}: ${readdirSync(tmp).join(', ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ossduck-load-'));
    mkdirSync(join(root, 'bkt'));
    serve = await ServeProcess.start(['--port', '0', '--root', root], { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET });
    pid = serve.child.pid!;
  });

  afterAll(async () => {
    expect(await serve.stop()).toBe(0);
    expect(serve.stderr).not.toContain(SECRET);
    rmSync(root, { recursive: true, force: true });
  });

  it('answers 500 presigned PUTs and then 2,000 presigned GETs, 64 at a time, with 0 errors and bounded memory', async () => {
    const KEYS = 100;
    const body = (k: number, round: number): Buffer => Buffer.from(`object ${k} round ${round}\n`.repeat(200));
    const put = presigner('PUT');
    const puts = await runLoad({
      total: 5 * KEYS,
      concurrency: 64,
      next: (i) => ({ method: 'PUT', url: put.url(`load/${i % KEYS}.txt`), body: body(i % KEYS, Math.floor(i / KEYS)) }),
    });
    expect(puts.errorSamples).toEqual([]);
    await noUploadsLeft();
    // Each key's five PUTs raced: any one of them may have landed last. Re-put once so the content is known.
    const final = await runLoad({ total: KEYS, concurrency: 64, next: (k) => ({ method: 'PUT', url: put.url(`load/${k}.txt`), body: body(k, 9) }) });
    expect(final.errors).toBe(0);
    const expected = Array.from({ length: KEYS }, (_, k) => createHash('md5').update(body(k, 9)).digest('hex').toUpperCase());
    const get = presigner('GET');
    const gets = await runLoad({
      total: 2000,
      concurrency: 64,
      next: (i) => ({ method: 'GET', url: get.url(`load/${i % KEYS}.txt`) }),
      check: (i, res) => (res.md5 === expected[i % KEYS] && res.headers['etag'] === `"${res.md5}"` ? undefined : `content ${res.md5}, ETag ${String(res.headers['etag'])}`),
    });
    expect(gets.errorSamples).toEqual([]);
    expect(gets.errors).toBe(0);
    expect(gets.bytes).toBe(Array.from({ length: 2000 }, (_, i) => body(i % KEYS, 9).length).reduce((a, b) => a + b, 0));
    const memory = processMemory(pid);
    expect(memory.peakRss, `peak RSS ${megabytes(memory.peakRss)} MB`).toBeLessThan(MEMORY_LIMIT);
  });

  it('leaves one whole object when 64 PUTs race on one key, and no reader ever sees a torn one', async () => {
    const SIZE = 256 * 1024;
    const bodies = Array.from({ length: 64 }, (_, i) => Buffer.alloc(SIZE, i + 1));
    const md5s = new Set(bodies.map((b) => createHash('md5').update(b).digest('hex').toUpperCase()));
    const put = presigner('PUT');
    const get = presigner('GET');
    expect((await runLoad({ total: 1, concurrency: 1, next: () => ({ method: 'PUT', url: put.url('race.bin'), body: bodies[0] }) })).errors).toBe(0);
    const whole = (_: number, res: { md5: string; bytes: number; headers: Record<string, unknown> }): string | undefined =>
      md5s.has(res.md5) && res.bytes === SIZE && res.headers['etag'] === `"${res.md5}"` ? undefined : `torn or mixed: ${res.bytes} bytes, MD5 ${res.md5}, ETag ${String(res.headers['etag'])}`;
    const [writers, readers] = await Promise.all([
      runLoad({ total: 64, concurrency: 64, next: (i) => ({ method: 'PUT', url: put.url('race.bin'), body: bodies[i] }) }),
      runLoad({ total: 400, concurrency: 16, next: () => ({ method: 'GET', url: get.url('race.bin') }), check: whole }),
    ]);
    expect(writers.errorSamples).toEqual([]);
    expect(readers.errorSamples).toEqual([]);
    const after = await runLoad({ total: 1, concurrency: 1, next: () => ({ method: 'GET', url: get.url('race.bin') }), check: whole });
    expect(after.errorSamples).toEqual([]);
    await noUploadsLeft();
  });

  it('streams a 1 GiB object in and out through presigned URLs while the server stays under 300 MB resident', async () => {
    const md5 = createHash('md5');
    function* hashed(): Generator<Buffer> {
      for (const chunk of generatedContent(GIB)) {
        md5.update(chunk);
        yield chunk;
      }
    }
    const up = await streamRequest(presigner('PUT').url('big.bin'), 'PUT', { size: GIB, chunks: hashed() });
    expect(up.status, up.text).toBe(200);
    const sent = md5.digest('hex').toUpperCase();
    expect(up.headers['etag']).toBe(`"${sent}"`);
    const down = await streamRequest(presigner('GET').url('big.bin'), 'GET');
    expect(down.status).toBe(200);
    expect(down.bytes).toBe(GIB);
    expect(down.md5).toBe(sent);
    const memory = processMemory(pid);
    expect(memory.peakRss, `peak RSS ${megabytes(memory.peakRss)} MB`).toBeLessThan(MEMORY_LIMIT);
  }, 180_000);

  it('answers ranges at the edges of the 1 GiB object as OSS does', async () => {
    // x-oss-* headers are signed in V4, so the standard range behaviour needs URLs signed with it.
    const STANDARD: [string, string][] = [['x-oss-range-behavior', 'standard']];
    const signers = { GET: [presigner('GET'), presigner('GET', STANDARD)], HEAD: [presigner('HEAD'), presigner('HEAD', STANDARD)] };
    const range = (spec: string, standard = false, method: 'GET' | 'HEAD' = 'GET') =>
      streamRequest(signers[method][standard ? 1 : 0]!.url('big.bin'), method, undefined, { Range: spec, ...(standard ? { 'x-oss-range-behavior': 'standard' } : {}) });
    const first = await range('bytes=0-0');
    expect([first.status, first.headers['content-range'], first.bytes]).toEqual([206, `bytes 0-0/${GIB}`, 1]);
    const last = await range(`bytes=${GIB - 1}-${GIB - 1}`);
    expect([last.status, last.headers['content-range'], last.bytes]).toEqual([206, `bytes ${GIB - 1}-${GIB - 1}/${GIB}`, 1]);
    const suffix = await range('bytes=-16');
    expect([suffix.status, suffix.headers['content-range'], suffix.bytes]).toEqual([206, `bytes ${GIB - 16}-${GIB - 1}/${GIB}`, 16]);
    const openEnded = await range(`bytes=${GIB - 100}-`);
    expect([openEnded.status, openEnded.bytes]).toEqual([206, 100]);
    // Past the end: ignored by default (the whole object; HEAD so as not to download it), 416 when standard.
    const lenient = await range(`bytes=${GIB}-`, false, 'HEAD');
    expect([lenient.status, lenient.headers['content-length'], lenient.headers['content-range']]).toEqual([200, String(GIB), undefined]);
    const strict = await range(`bytes=${GIB}-`, true);
    expect([strict.status, strict.headers['content-range']]).toEqual([416, `bytes */${GIB}`]);
    expect(strict.text).toContain('<Code>InvalidRange</Code>');
    const clamped = await range(`bytes=${GIB - 10}-${GIB * 4}`, true);
    expect([clamped.status, clamped.headers['content-range'], clamped.bytes]).toEqual([206, `bytes ${GIB - 10}-${GIB - 1}/${GIB}`, 10]);
  });

  it('still serves a valid presigned GET after garbage, bad ranges and traversal attempts', async () => {
    const port = Number(new URL(serve.ossUrl).port);
    const socketSend = (bytes: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
        let data = '';
        const timer = setTimeout(() => reject(new Error('no answer and no close within 10 s')), 10_000);
        socket.on('data', (chunk) => (data += chunk.toString('latin1')));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearTimeout(timer);
          resolve(data);
        });
      });
    for (const garbage of ['GARBAGE\r\n\r\n', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', `GET /bkt/x HTTP/1.1\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`, '\u0000\u0001\u0002\r\n\r\n']) {
      expect(await socketSend(garbage)).toMatch(/^HTTP\/1\.1 400 /);
    }
    const get = presigner('GET');
    const head = presigner('HEAD');
    const badRanges = ['bytes=abc', 'bytes=5-3', 'bytes=0-1,5-6', 'bytes=--1', 'bytes=-0', `bytes=${'9'.repeat(40)}-`, 'bits=0-1'];
    const ranges = await runLoad({
      total: badRanges.length,
      concurrency: 4,
      next: (i) => ({ method: 'HEAD', url: head.url('load/0.txt'), headers: { Range: badRanges[i]! } }),
    });
    expect(ranges.errorSamples).toEqual([]);
    for (const path of ['/../../etc/passwd', '/bkt/../../../etc/passwd', '/bkt/%2e%2e/%2e%2e/etc/passwd', '/%2e%2e/etc/hostname', '/bkt/%c0%ae%c0%ae/x']) {
      const reply = await socketSend(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      expect(reply, path).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(reply).not.toContain('root:');
    }
    const traversal = await streamRequest(get.url('../../../../etc/passwd'), 'GET');
    expect(traversal.status).toBe(404);
    expect(serve.child.exitCode).toBeNull();
    const ok = await streamRequest(get.url('load/0.txt'), 'GET');
    expect(ok.status).toBe(200);
    expect(ok.text.startsWith('object 0 round 9\n')).toBe(true);
  });
});
