import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OSS from 'ali-oss';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Credentials } from '../../../src/oss/Credentials.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startEmulator } from '../emulatorFixture.js';
import type { Running } from '../emulatorFixture.js';
import { accountCredentials, emulatorPresigner, getUrl, rawRequest, signedRequest } from '../httpClient.js';
import { Presigner } from '../../../src/oss/signing/Presigner.js';
import type { RawResponse } from '../httpClient.js';
import type { RequestObserver, RequestRecord } from '../../../src/emulator/RequestRecord.js';

/**
 * The web console of the emulator, in process: its JSON API (buckets,
 * objects, versions, kept requests with their diagnosis, download URLs), its
 * event stream, its guard, and that nothing secret ever leaves it.
 */

let env: Running;
/** Every body the console answered in a test, to search for secrets. */
let answered: string[];

/**
 * Told of each finished request, as the console is. A request is recorded
 * once its response has gone out, so a client can see the response before the
 * record exists: tests wait here for the records of the requests they made.
 */
class Finished implements RequestObserver {
  count = 0;
  #waiters: (() => void)[] = [];

  requestFinished(_record: RequestRecord): void {
    this.count++;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  async until(count: number): Promise<void> {
    while (this.count < count) await new Promise<void>((wake) => this.#waiters.push(wake));
  }
}
let finished: Finished;
let made: number;

/** Awaits an OSS or STS request and the record of it. */
async function served<T>(request: Promise<T>): Promise<T> {
  const result = await request;
  made++;
  await finished.until(made);
  return result;
}

interface Detail {
  seq: number;
  method: string;
  status: number;
  code: string | null;
  verdict: string;
  auth: string;
  sts: boolean;
  accessKeyId: string | null;
  bucket: string | null;
  key: string | null;
  bytesIn: number;
  bytesOut: number;
  request: { method: string; url: string; query: [string, string | null][]; headers: [string, string][] };
  answer: { status: number; code: string; message: string; details: [string, string][] } | null;
  diagnosis: {
    source: string;
    cause: string;
    checks: { name: string; status: string; detail: string }[];
    expiry: { expiresAt: string; secondsLeft: number; lifetimeSeconds: number | null } | null;
    clock: { aheadSeconds: number; allowedSeconds: number } | null;
    expected: { canonicalRequest: string | null; stringToSign: string } | null;
    signed: { canonicalRequest: string | null; stringToSign: string } | null;
  } | null;
}

function consolePath(path: string): string {
  return `/-/console/${path}`;
}

async function api(path: string, init: { method?: string; body?: string; headers?: [string, string][] } = {}): Promise<RawResponse> {
  const headers: [string, string][] = [...(init.headers ?? [])];
  if (init.method === 'POST' && !headers.some(([n]) => n.toLowerCase() === 'origin')) headers.push(['Origin', `http://127.0.0.1:${env.emulator.port}`]);
  const res = await rawRequest(env.emulator.port, init.method ?? 'GET', consolePath(`api/${path}`), headers, init.body === undefined ? undefined : Buffer.from(init.body));
  answered.push(res.text);
  return res;
}

async function json<T>(path: string): Promise<T> {
  const res = await api(path);
  expect(res.status, res.text).toBe(200);
  return JSON.parse(res.text) as T;
}

async function requests(): Promise<Detail[]> {
  return json<Detail[]>('requests');
}

/** The detail of the newest kept request. */
async function newest(): Promise<Detail> {
  const list = await requests();
  return json<Detail>(`requests/${list[list.length - 1]!.seq}`);
}

function put(bucket: string, key: string, body: string): Promise<RawResponse> {
  return served(signedRequest(env, { method: 'PUT', bucket, key, body: Buffer.from(body) }));
}

/** The server-sent events of the console, as they arrive. */
class EventReader {
  readonly events: { id: string | undefined; event: string; data: string }[] = [];
  #buffer = '';
  #res: IncomingMessage | undefined;
  #waiters: (() => void)[] = [];

  static open(port: number, lastEventId?: string): Promise<EventReader> {
    const reader = new EventReader();
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
      const req = request({ host: '127.0.0.1', port, path: consolePath('api/events'), headers, agent: false }, (res) => {
        reader.#res = res;
        res.setEncoding('utf8').on('data', (chunk: string) => reader.#take(chunk));
        resolve(reader);
      });
      req.on('error', reject);
      req.end();
    });
  }

  #take(chunk: string): void {
    this.#buffer += chunk;
    let end: number;
    while ((end = this.#buffer.indexOf('\n\n')) >= 0) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      const fields = new Map<string, string>();
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
      }
      if (fields.has('event')) this.events.push({ id: fields.get('id'), event: fields.get('event')!, data: fields.get('data') ?? '' });
    }
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Resolves once `count` request events have arrived. */
  async requests(count: number): Promise<{ id: string | undefined; record: Detail }[]> {
    const requestsSoFar = (): { id: string | undefined; record: Detail }[] =>
      this.events.filter((e) => e.event === 'request').map((e) => ({ id: e.id, record: JSON.parse(e.data) as Detail }));
    while (requestsSoFar().length < count) await new Promise<void>((wake) => this.#waiters.push(wake));
    return requestsSoFar();
  }

  get text(): string {
    return this.events.map((e) => `${e.id ?? ''} ${e.event} ${e.data}`).join('\n');
  }

  close(): void {
    this.#res?.destroy();
  }
}

describe('EmulatorConsole', () => {
  beforeEach(async () => {
    answered = [];
    finished = new Finished();
    made = 0;
    env = await startEmulator({ buckets: ['bkt'], console: { history: 50 }, now: Math.floor(Date.now() / 1000) * 1000, observers: [finished] });
  });
  afterEach(async () => {
    await env.close();
  });

  it('serves the page at /-/console/ on the emulator port, under a strict content policy', async () => {
    expect(env.emulator.consoleUrl).toBe(`http://127.0.0.1:${env.emulator.port}/-/console/`);
    const page = await getUrl(env.emulator.consoleUrl!);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.text).toContain('<script type="module" src="assets/app.js"></script>');
    const script = await rawRequest(env.emulator.port, 'GET', consolePath('assets/app.js'));
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const again = await rawRequest(env.emulator.port, 'GET', consolePath('assets/app.js'), [['If-None-Match', String(script.headers['etag'])]]);
    expect(again.status).toBe(304);
    expect((await rawRequest(env.emulator.port, 'GET', consolePath('assets/../../x'))).status).toBe(404);
    expect((await rawRequest(env.emulator.port, 'GET', consolePath('assets/nope.js'))).status).toBe(404);
    const bare = await rawRequest(env.emulator.port, 'GET', '/-/console');
    expect([bare.status, bare.headers['location']]).toEqual([308, '/-/console/']);
    // The console's own requests are not OSS requests: none of them is kept.
    expect(await requests()).toEqual([]);
  });

  it('lists buckets, a folder’s objects and subfolders, and an object’s versions', async () => {
    mkdirSync(join(env.root, 'bkt', 'dir', 'sub'), { recursive: true });
    writeFileSync(join(env.root, 'bkt', 'dir', 'a.csv'), 'a,b\n1,2\n');
    writeFileSync(join(env.root, 'bkt', 'dir', 'sub', 'b.txt'), 'b');
    writeFileSync(join(env.root, 'bkt', 'top.txt'), 'top');
    expect((await served(signedRequest(env, { method: 'PUT', bucket: 'vbkt' }))).status).toBe(200);
    const versioning = '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>';
    expect((await served(signedRequest(env, { method: 'PUT', bucket: 'vbkt', query: [['versioning', null]], body: Buffer.from(versioning) }))).status).toBe(200);
    for (const body of ['one', 'two!', 'three']) {
      expect((await put('vbkt', 'k.bin', body)).status).toBe(200);
      env.now += 1000;
    }

    const buckets = await json<{ name: string; versioning: string | null }[]>('buckets');
    expect(buckets.map((b) => [b.name, b.versioning])).toEqual([['bkt', null], ['vbkt', 'Enabled']]);
    const top = await json<{ folders: string[]; objects: { key: string; size: number }[]; next: string | null }>('objects?bucket=bkt');
    expect(top.folders).toEqual(['dir/']);
    expect(top.objects.map((o) => [o.key, o.size])).toEqual([['top.txt', 3]]);
    const dir = await json<{ folders: string[]; objects: { key: string; size: number; etag: string; lastModified: string }[] }>('objects?bucket=bkt&prefix=dir%2F');
    expect(dir.folders).toEqual(['dir/sub/']);
    expect(dir.objects.map((o) => o.key)).toEqual(['dir/a.csv']);
    expect(dir.objects[0]!.etag).toMatch(/^[0-9A-F]{32}$/);
    const object = await json<{ current: { size: number; versionId: string }; versions: { versionId: string; size: number; current: boolean }[] }>('object?bucket=vbkt&key=k.bin');
    expect(object.current.size).toBe(5);
    expect(object.versions.map((v) => [v.size, v.current])).toEqual([[5, true], [4, false], [3, false]]);
    expect(object.versions[0]!.versionId).toBe(object.current.versionId);
  });

  it('mints a download URL that serves the object for 60 s, then is refused as expired', async () => {
    writeFileSync(join(env.root, 'bkt', 'report 1.csv'), 'x,y\n');
    const res = await api('presign', { method: 'POST', body: JSON.stringify({ bucket: 'bkt', key: 'report 1.csv' }) });
    expect(res.status, res.text).toBe(200);
    const { url, expiresAt } = JSON.parse(res.text) as { url: string; expiresAt: string };
    expect(Date.parse(expiresAt) - env.now).toBeLessThanOrEqual(60_000);
    const download = await served(getUrl(url));
    expect(download.status).toBe(200);
    expect(download.text).toBe('x,y\n');
    expect(download.headers['content-disposition']).toBe("attachment; filename*=UTF-8''report%201.csv");
    env.now += 61_000;
    expect((await served(getUrl(url))).status).toBe(403);
    const [first, expired] = await requests();
    expect([first!.status, first!.auth, first!.key]).toEqual([200, 'v4-query', 'report 1.csv']);
    expect([expired!.status, expired!.code, expired!.verdict]).toEqual([403, 'AccessDenied', 'refused']);
  });

  it('refuses API calls it cannot answer with one clear line', async () => {
    const cases: [string, { method?: string; body?: string }, number, string][] = [
      ['objects', {}, 400, "'' is not a bucket name"],
      ['objects?bucket=Bad_Name', {}, 400, "'Bad_Name' is not a bucket name"],
      ['objects?bucket=nobucket', {}, 404, "there is no bucket 'nobucket'"],
      ['object?bucket=bkt', {}, 400, 'give the object key'],
      ['object?bucket=bkt&key=none', {}, 404, "there is no object 'none' in bucket 'bkt'"],
      ['presign', {}, 405, 'use POST'],
      ['presign', { method: 'POST', body: 'not json' }, 400, 'send {"bucket"'],
      ['presign', { method: 'POST', body: '{"bucket":"bkt","key":"none"}' }, 404, "there is no object 'none' in bucket 'bkt'"],
      ['presign', { method: 'POST', body: '{"bucket":"bkt","key":"k","versionId":7}' }, 400, 'send {"bucket"'],
      ['buckets', { method: 'DELETE' }, 405, 'the console is read-only'],
      ['requests/99', {}, 404, 'request 99 is no longer kept (the console keeps the last 50)'],
      ['nothing', {}, 404, 'no such API: nothing'],
    ];
    for (const [path, init, status, error] of cases) {
      const res = await api(path, init);
      expect([path, res.status], res.text).toEqual([path, status]);
      expect((JSON.parse(res.text) as { error: string }).error).toContain(error);
    }
  });

  it('refuses requests from other origins and other names of this address', async () => {
    const port = env.emulator.port;
    const refused: [string, [string, string][]][] = [
      ['a rebound name', [['Host', `attacker.example:${port}`]]],
      ['a foreign Origin', [['Origin', 'http://attacker.example']]],
      ['a cross-site fetch', [['Sec-Fetch-Site', 'cross-site']]],
    ];
    for (const [what, headers] of refused) {
      const res = await rawRequest(port, 'GET', consolePath('api/buckets'), headers);
      expect([what, res.status]).toEqual([what, 403]);
      expect(res.text).toMatch(/^ossduck console: refused: /);
      expect(res.text).not.toContain('bkt');
    }
    const noOrigin = await rawRequest(port, 'POST', consolePath('api/presign'), [['Content-Type', 'application/json']], Buffer.from('{"bucket":"bkt","key":"k"}'));
    expect(noOrigin.status).toBe(403);
    expect((await rawRequest(port, 'GET', consolePath('api/buckets'), [['Host', `localhost:${port}`]])).status).toBe(200);
  });

  it('keeps a record of every OSS and STS request: auth kind, key, status, code, verdict, bytes', async () => {
    await put('bkt', 'up.txt', 'twelve bytes');
    await served(getUrl(emulatorPresigner(env).url('up.txt')));
    await served(getUrl(emulatorPresigner(env, { version: 'v1' }).url('missing.txt')));
    await served(rawRequest(env.emulator.port, 'GET', '/bkt/up.txt'));
    const sts = new OSS.STS({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, endpoint: `http://127.0.0.1:${env.emulator.port}` } as never);
    const role = (await served(sts.assumeRole('acs:ram::1234567890123456:role/etl', undefined, 900, 'console-test'))) as unknown as { credentials: Record<string, string> };
    const temporary = new Credentials({
      accessKeyId: role.credentials['AccessKeyId']!,
      accessKeySecret: role.credentials['AccessKeySecret']!,
      securityToken: role.credentials['SecurityToken']!,
    });
    await served(getUrl(emulatorPresigner(env, { credentials: temporary }).url('up.txt')));
    const list = await requests();
    const summary = list.map((r) => [r.method, r.bucket, r.key, r.auth, r.sts, r.status, r.code, r.verdict]);
    expect(summary).toEqual([
      ['PUT', 'bkt', 'up.txt', 'v4-header', false, 200, null, 'served'],
      ['GET', 'bkt', 'up.txt', 'v4-query', false, 200, null, 'served'],
      ['GET', 'bkt', 'missing.txt', 'v1-query', false, 404, 'NoSuchKey', 'failed'],
      ['GET', 'bkt', 'up.txt', 'anonymous', false, 403, 'AccessDenied', 'refused'],
      ['POST', null, null, 'sts-rpc', false, 200, null, 'served'],
      ['GET', 'bkt', 'up.txt', 'v4-query', true, 200, null, 'served'],
    ]);
    expect([list[0]!.bytesIn, list[0]!.bytesOut]).toEqual([12, 0]);
    expect([list[1]!.bytesIn, list[1]!.bytesOut]).toEqual([0, 12]);
    expect(list[5]!.accessKeyId).toBe(temporary.accessKeyId);
    expect(list.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('diagnoses a changed presigned URL as explain-url does, with what the signer signed beside what the server computed', async () => {
    writeFileSync(join(env.root, 'bkt', 'k.txt'), 'k');
    const url = emulatorPresigner(env).url('k.txt');
    expect((await served(getUrl(`${url}&x-oss-process=image/resize,w_100`))).status).toBe(403);
    const d = await newest();
    expect([d.code, d.verdict]).toEqual(['SignatureDoesNotMatch', 'refused']);
    expect(d.diagnosis!.source).toBe('explain-url');
    expect(d.diagnosis!.cause).toContain('it matches without the parameter x-oss-process: it was added or changed after signing');
    expect(d.diagnosis!.checks.find((c) => c.name === 'signature')!.status).toBe('fail');
    expect(d.diagnosis!.checks.find((c) => c.name === 'expiry')!.status).toBe('ok');
    expect(d.diagnosis!.expected!.canonicalRequest).toContain('x-oss-process=image%2Fresize%2Cw_100');
    expect(d.diagnosis!.signed!.canonicalRequest).not.toContain('x-oss-process');
    expect(d.diagnosis!.expiry!.secondsLeft).toBe(600);

    expect((await served(getUrl(emulatorPresigner(env, { method: 'PUT' }).url('k.txt')))).status).toBe(403);
    const method = await newest();
    expect(method.diagnosis!.cause).toContain('the URL was signed for PUT, not GET');
    expect(method.diagnosis!.signed!.canonicalRequest!.split('\n')[0]).toBe('PUT');
  });

  it('names the real cause, not the region, for a URL whose host names another region than its signature (the emulator takes any)', async () => {
    writeFileSync(join(env.root, 'bkt', 'k.txt'), 'k');
    const host = 'bkt.oss-cn-beijing.aliyuncs.com';
    const presigner = new Presigner({
      version: 'v4', credentials: accountCredentials, method: 'GET', bucket: 'bkt', signTime: Math.floor(env.now / 1000), expiresIn: 600,
      region: 'cn-hangzhou', product: 'oss', address: { scheme: 'http', host, style: 'virtual' },
    });
    const url = new URL(presigner.url('k.txt'));
    const ok = await served(rawRequest(env.emulator.port, 'GET', `${url.pathname}${url.search}`, [['Host', host]]));
    expect(ok.status).toBe(200);
    const changed = await served(rawRequest(env.emulator.port, 'GET', `${url.pathname}${url.search}&x-oss-traffic-limit=1000000`, [['Host', host]]));
    expect(changed.status).toBe(403);
    const d = await newest();
    expect(d.diagnosis!.checks.find((c) => c.name === 'region')!.status).toBe('fail');
    expect(d.diagnosis!.cause).toContain('it matches without the parameter x-oss-traffic-limit');
  });

  it('diagnoses expiry, and a header signature’s mismatch and clock skew from the answer', async () => {
    writeFileSync(join(env.root, 'bkt', 'k.txt'), 'k');
    const url = emulatorPresigner(env, { expiresIn: 60 }).url('k.txt');
    env.now += 90_000;
    expect((await served(getUrl(url))).status).toBe(403);
    const expired = await newest();
    expect(expired.diagnosis!.cause).toMatch(/^it expired 30 s ago, at /);
    expect(expired.diagnosis!.expiry).toMatchObject({ secondsLeft: -30, lifetimeSeconds: 60 });

    const wrong = new Credentials({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: 'not-the-secret' });
    expect((await served(signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'k.txt', credentials: wrong }))).status).toBe(403);
    const mismatch = await newest();
    expect(mismatch.diagnosis!.source).toBe('oss-answer');
    expect(mismatch.diagnosis!.cause).toContain('or signed with another secret for AccessKeyId LTAI5tEmulatorTestKey');
    expect(mismatch.diagnosis!.expected!.canonicalRequest!.split('\n').slice(0, 2)).toEqual(['GET', '/bkt/k.txt']);
    expect(mismatch.diagnosis!.clock!.aheadSeconds).toBe(0);
    expect(mismatch.answer!.details.find(([n]) => n === 'SignatureProvided')![1]).toMatch(/^[0-9a-f]{8}… \(64 characters\)$/);

    expect((await served(signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'k.txt', signTime: Math.floor(env.now / 1000) - 1200 }))).status).toBe(403);
    const skewed = await newest();
    expect(skewed.code).toBe('RequestTimeTooSkewed');
    expect(skewed.diagnosis!.clock).toMatchObject({ aheadSeconds: -1200, allowedSeconds: 900 });
    expect(skewed.diagnosis!.cause).toMatch(/^The request's date is 20 min behind the server's clock/);
  });

  it('pushes each finished request as a server-sent event, and a reconnect resumes after the last id it saw', async () => {
    await put('bkt', 'a.txt', 'a');
    const first = await EventReader.open(env.emulator.port);
    try {
      expect(first.events[0]?.event).toBe('hello');
      const replayed = await first.requests(1);
      expect(replayed[0]!.record.key).toBe('a.txt');
      await served(getUrl(emulatorPresigner(env).url('a.txt')));
      const [, live] = await first.requests(2);
      expect([live!.record.seq, live!.record.status, live!.record.auth]).toEqual([2, 200, 'v4-query']);
      expect(live!.id).toMatch(/^[0-9a-f]{8}\.2$/);
      await served(getUrl(emulatorPresigner(env).url('b.txt')));
      const again = await EventReader.open(env.emulator.port, live!.id);
      try {
        const resumed = await again.requests(1);
        expect(resumed.map((e) => e.record.key)).toEqual(['b.txt']);
      } finally {
        again.close();
      }
      const stranger = await EventReader.open(env.emulator.port, 'deadbeef.2');
      try {
        expect((await stranger.requests(3)).map((e) => e.record.seq)).toEqual([1, 2, 3]);
      } finally {
        stranger.close();
      }
    } finally {
      first.close();
    }
  });

  it('never shows a secret, a whole signature or a whole security token', async () => {
    const sts = new OSS.STS({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, endpoint: `http://127.0.0.1:${env.emulator.port}` } as never);
    const role = (await served(sts.assumeRole('acs:ram::1234567890123456:role/etl', undefined, 900, 'console-test'))) as unknown as { credentials: Record<string, string> };
    const temporary = new Credentials({
      accessKeyId: role.credentials['AccessKeyId']!,
      accessKeySecret: role.credentials['AccessKeySecret']!,
      securityToken: role.credentials['SecurityToken']!,
    });
    const events = await EventReader.open(env.emulator.port);
    try {
      const urls = [
        emulatorPresigner(env).url('k.txt'),
        `${emulatorPresigner(env).url('k.txt')}&extra=1`,
        emulatorPresigner(env, { version: 'v1' }).url('k.txt') + '&extra=1',
        emulatorPresigner(env, { credentials: temporary }).url('k.txt'),
        `${emulatorPresigner(env, { credentials: temporary }).url('k.txt')}&extra=1`,
        `${emulatorPresigner(env, { credentials: temporary, version: 'v1' }).url('k.txt')}&extra=1`,
      ];
      for (const url of urls) await served(getUrl(url));
      await served(signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'k.txt', credentials: temporary }));
      await served(signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'k.txt', credentials: new Credentials({ accessKeyId: temporary.accessKeyId, accessKeySecret: 'wrong', securityToken: temporary.securityToken }) }));
      const signatures = urls.map((u) => new URL(u).searchParams.get('x-oss-signature') ?? new URL(u).searchParams.get('Signature')!);
      for (const r of await requests()) await json(`requests/${r.seq}`);
      await json('info');
      await events.requests(9);
      const everything = [...answered, events.text].join('\n');
      expect(everything).toContain('SignatureDoesNotMatch');
      for (const secret of [ACCESS_KEY_SECRET, temporary.revealSecret(), temporary.securityToken!, encodeURIComponent(temporary.securityToken!).slice(0, 60), ...signatures]) {
        expect(everything).not.toContain(secret);
      }
      expect(everything).toContain(`${temporary.securityToken!.slice(0, 8)}…`);
    } finally {
      events.close();
    }
  });
});

describe('EmulatorConsole settings', () => {
  afterEach(async () => {
    await env.close();
  });

  it('keeps only the last N requests in memory', async () => {
    finished = new Finished();
    made = 0;
    env = await startEmulator({ buckets: ['bkt'], console: { history: 3 }, observers: [finished] });
    for (let i = 0; i < 8; i++) await served(rawRequest(env.emulator.port, 'GET', `/bkt/k${i}`));
    answered = [];
    const list = await requests();
    expect(list.map((r) => [r.seq, r.key])).toEqual([[6, 'k5'], [7, 'k6'], [8, 'k7']]);
    expect((await api('requests/5')).status).toBe(404);
  });

  it('listens on a port of its own, leaving /-/console on the OSS port to OSS', async () => {
    env = await startEmulator({ buckets: ['bkt'], console: { port: 0 } });
    answered = [];
    const consoleUrl = new URL(env.emulator.consoleUrl!);
    expect(consoleUrl.port).not.toBe(String(env.emulator.port));
    expect(consoleUrl.pathname).toBe('/-/console/');
    const root = await getUrl(`http://127.0.0.1:${consoleUrl.port}/`);
    expect([root.status, root.headers['location']]).toEqual([308, '/-/console/']);
    expect((await getUrl(env.emulator.consoleUrl!)).status).toBe(200);
    const onOss = await rawRequest(env.emulator.port, 'GET', '/-/console/');
    expect(onOss.text).toContain('<Code>InvalidBucketName</Code>');
    const info = JSON.parse((await getUrl(`${env.emulator.consoleUrl!}api/info`)).text) as { ossUrl: string };
    expect(info.ossUrl).toBe(env.emulator.ossUrl);
  });

  it('is off unless asked for', async () => {
    env = await startEmulator({ buckets: ['bkt'] });
    expect(env.emulator.consoleUrl).toBeUndefined();
    expect((await rawRequest(env.emulator.port, 'GET', '/-/console/')).text).toContain('<Code>InvalidBucketName</Code>');
  });
});
