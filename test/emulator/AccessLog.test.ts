import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OSS from 'ali-oss';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessLog } from '../../src/emulator/AccessLog.js';
import type { RequestObserver } from '../../src/emulator/RequestRecord.js';
import { Credentials } from '../../src/oss/Credentials.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';
import { emulatorPresigner, getUrl, rawRequest, signedRequest } from './httpClient.js';

/** Counts finished requests, so a test reads the log only once every request it made is in it. */
class Finished implements RequestObserver {
  count = 0;
  #waiters: (() => void)[] = [];
  requestFinished(): void {
    this.count++;
    for (const wake of this.#waiters.splice(0)) wake();
  }
  async until(count: number): Promise<void> {
    while (this.count < count) await new Promise<void>((wake) => this.#waiters.push(wake));
  }
}

let env: Running;
let path: string;
let log: AccessLog;
let finished: Finished;
let cleanup: () => void;
const problems: string[] = [];

function lines(): Record<string, unknown>[] {
  return readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('AccessLog', () => {
  beforeEach(async () => {
    const sandbox = mkdtempSync(join(tmpdir(), 'ossduck-access-log-'));
    path = join(sandbox, 'access.log');
    writeFileSync(path, '{"earlier":"line"}\n');
    log = new AccessLog(path, (message) => problems.push(message));
    finished = new Finished();
    env = await startEmulator({ buckets: ['bkt'], now: Date.UTC(2026, 11, 5, 8, 0, 0), observers: [log, finished] });
    cleanup = () => rmSync(sandbox, { recursive: true, force: true });
  });
  afterEach(async () => {
    log.close();
    await env.close();
    cleanup();
    expect(problems).toEqual([]);
  });

  it('appends one JSON line per request: instant, method, bucket, key, auth, signature version, AccessKeyId, expiry, status, code, verdict, bytes, latency', async () => {
    writeFileSync(join(env.root, 'bkt', 'k.txt'), 'hello');
    const url = emulatorPresigner(env, { expiresIn: 900 }).url('k.txt');
    // Lines are written as requests finish: each request's line is awaited before the next is sent.
    await getUrl(url);
    await finished.until(1);
    await getUrl(`${url}&added=1`);
    await finished.until(2);
    await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'up.bin', body: Buffer.from('0123456789'), version: 'v1' });
    await finished.until(3);
    await rawRequest(env.emulator.port, 'GET', '/bkt/k.txt');
    await finished.until(4);
    const [earlier, get, tampered, put, anonymous] = lines();
    expect(earlier).toEqual({ earlier: 'line' });
    expect(Object.keys(get!)).toEqual([
      'time', 'requestId', 'service', 'method', 'bucket', 'key', 'auth', 'signatureVersion', 'accessKeyId', 'sts', 'expiresAt',
      'status', 'code', 'verdict', 'bytesIn', 'bytesOut', 'latencyMs', 'userAgent',
    ]);
    expect(get).toMatchObject({
      time: '2026-12-05T08:00:00.000Z', service: 'oss', method: 'GET', bucket: 'bkt', key: 'k.txt', auth: 'v4-query', signatureVersion: 'v4',
      accessKeyId: ACCESS_KEY_ID, sts: false, expiresAt: '2026-12-05T08:15:00.000Z', status: 200, code: null, verdict: 'served', bytesIn: 0, bytesOut: 5,
    });
    expect(get!['requestId']).toMatch(/^[0-9A-F]{24}$/);
    expect(typeof get!['latencyMs']).toBe('number');
    expect(tampered).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch', verdict: 'refused', expiresAt: '2026-12-05T08:15:00.000Z' });
    expect(put).toMatchObject({ method: 'PUT', key: 'up.bin', auth: 'v1-header', signatureVersion: 'v1', expiresAt: null, status: 200, bytesIn: 10, verdict: 'served' });
    expect(anonymous).toMatchObject({ auth: 'anonymous', accessKeyId: null, signatureVersion: null, status: 403, code: 'AccessDenied', verdict: 'refused' });
  });

  it('holds no secret, signature or security token, and marks requests signed with STS credentials', async () => {
    const sts = new OSS.STS({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, endpoint: `http://127.0.0.1:${env.emulator.port}` } as never);
    env.now = Date.now();
    const role = (await sts.assumeRole('acs:ram::1234567890123456:role/etl', undefined, 900, 'log-test')) as unknown as { credentials: Record<string, string> };
    const temporary = new Credentials({
      accessKeyId: role.credentials['AccessKeyId']!,
      accessKeySecret: role.credentials['AccessKeySecret']!,
      securityToken: role.credentials['SecurityToken']!,
    });
    const urls = [emulatorPresigner(env, { credentials: temporary }).url('k.txt'), emulatorPresigner(env, { credentials: temporary, version: 'v1' }).url('k.txt')];
    await finished.until(1);
    for (const [i, url] of urls.entries()) {
      await getUrl(url);
      await finished.until(2 + i);
    }
    await signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'k.txt', credentials: temporary });
    await finished.until(4);
    const text = readFileSync(path, 'utf8');
    for (const secret of [ACCESS_KEY_SECRET, temporary.revealSecret(), temporary.securityToken!, ...urls.map((u) => new URL(u).searchParams.get('x-oss-signature') ?? new URL(u).searchParams.get('Signature')!)]) {
      expect(text).not.toContain(secret);
    }
    const all = lines().slice(1);
    expect(all.map((l) => [l['service'], l['auth'], l['sts'], l['accessKeyId']])).toEqual([
      ['sts', 'sts-rpc', false, null],
      ['oss', 'v4-query', true, temporary.accessKeyId],
      ['oss', 'v1-query', true, temporary.accessKeyId],
      ['oss', 'v4-header', true, temporary.accessKeyId],
    ]);
  });
});

describe('AccessLog files', () => {
  it('is created readable by its owner only, and refuses a path it cannot open', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ossduck-access-log-'));
    try {
      const file = join(dir, 'new.log');
      const created = new AccessLog(file, () => undefined);
      created.close();
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(() => new AccessLog(join(dir, 'missing', 'x.log'), () => undefined)).toThrow(/ENOENT/);
      expect(() => new AccessLog(dir, () => undefined)).toThrow(/EISDIR/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says once that it cannot write, then goes on without logging', () => {
    const heard: string[] = [];
    const full = new AccessLog('/dev/full', (message) => heard.push(message));
    const record = {
      requestId: 'R', at: 0, service: 'oss', method: 'GET', bucket: 'b', key: 'k', auth: 'anonymous', signatureVersion: null, accessKeyId: null,
      sts: false, expiresAt: null, status: 403, code: 'AccessDenied', verdict: 'refused', bytesIn: 0, bytesOut: 0, latencyMs: 1, userAgent: null,
    } as const;
    full.requestFinished(record);
    full.requestFinished(record);
    expect(heard).toEqual(['the access log /dev/full could not be written (ENOSPC: no space left on device, write); no further requests are logged']);
    full.close();
  });
});
