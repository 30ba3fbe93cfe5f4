import { createHash } from 'node:crypto';
import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';

/**
 * The official Node SDK, ali-oss 6.23, against the emulator: the requests it
 * really sends (x-oss-date instead of Date, a guessed Content-Type on every
 * request, the bucket in Host for an IP endpoint, continuation-token signed as
 * a sub-resource in V1) must all verify.
 */

let env: Running;

function md5Hex(data: Buffer): string {
  return createHash('md5').update(data).digest('hex').toUpperCase();
}

beforeAll(async () => {
  env = await startEmulator({ buckets: ['bkt'] });
});

afterAll(async () => {
  await env.close();
});

interface ListV2Result {
  objects?: { name: string; size: number; etag: string; lastModified: string }[];
  prefixes?: string[];
  isTruncated: boolean;
  nextContinuationToken?: string;
  keyCount: number;
}

function client(options: { v4: boolean; sldEnable: boolean; secret?: string; keyId?: string }): OSS {
  return new OSS({
    region: 'oss-cn-hangzhou',
    endpoint: `http://127.0.0.1:${env.emulator.port}`,
    accessKeyId: options.keyId ?? ACCESS_KEY_ID,
    accessKeySecret: options.secret ?? ACCESS_KEY_SECRET,
    bucket: 'bkt',
    authorizationV4: options.v4,
    sldEnable: options.sldEnable,
  } as OSS.Options);
}

async function listAll(oss: OSS, query: Record<string, string>): Promise<{ keys: string[]; prefixes: string[]; pages: number }> {
  const keys: string[] = [];
  const prefixes: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = (await oss.listV2({ ...query, ...(token ? { 'continuation-token': token } : {}) } as never, {})) as unknown as ListV2Result;
    pages++;
    keys.push(...(page.objects ?? []).map((o) => o.name));
    prefixes.push(...(page.prefixes ?? []));
    token = page.isTruncated ? page.nextContinuationToken : undefined;
  } while (token);
  return { keys, prefixes, pages };
}

const CASES = [
  { name: 'V1, IP endpoint (bucket in Host)', v4: false, sldEnable: false },
  { name: 'V1, IP endpoint with sldEnable (bucket in path and Host)', v4: false, sldEnable: true },
  { name: 'V4, IP endpoint (bucket in Host)', v4: true, sldEnable: false },
  { name: 'V4, IP endpoint with sldEnable', v4: true, sldEnable: true },
] as const;

describe('OssEmulator with ali-oss', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      const dir = `${c.v4 ? 'v4' : 'v1'}-${c.sldEnable ? 'sld' : 'host'}/`;

      it('puts, heads, gets and deletes an object, keeping type and metadata', async () => {
        env.now = Date.now();
        const oss = client(c);
        const key = `${dir}a b+c/中文 (1).csv`;
        const body = Buffer.from('id,name\n1,ossduck\n');
        const put = await oss.put(key, body, { headers: { 'x-oss-meta-owner': 'data-team', 'Cache-Control': 'no-cache' } });
        expect(put.res.status).toBe(200);
        expect((put.res.headers as Record<string, string>)['etag']).toBe(`"${md5Hex(body)}"`);

        const head = await oss.head(key);
        expect(head.status).toBe(200);
        expect((head.res.headers as Record<string, string>)['content-type']).toBe('text/csv');
        expect((head.res.headers as Record<string, string>)['content-length']).toBe(String(body.length));
        expect((head.res.headers as Record<string, string>)['cache-control']).toBe('no-cache');
        expect(head.meta).toEqual({ owner: 'data-team' });

        // getObjectMeta is in ali-oss but not in its type definitions.
        const withMeta = oss as unknown as { getObjectMeta(name: string): Promise<{ res: { headers: Record<string, string> } }> };
        const meta = await withMeta.getObjectMeta(key);
        expect(meta.res.headers['content-length']).toBe(String(body.length));
        expect(meta.res.headers['etag']).toBe(`"${md5Hex(body)}"`);

        const got = await oss.get(key);
        expect(Buffer.compare(got.content as Buffer, body)).toBe(0);

        await oss.delete(key);
        await expect(oss.head(key)).rejects.toMatchObject({ status: 404, code: 'NoSuchKey' });
        // Deleting again is still 204.
        expect((await oss.delete(key)).res.status).toBe(204);
      });

      it('lists with listV2: prefix, delimiter and paging', async () => {
        env.now = Date.now();
        const oss = client(c);
        const keys = [`${dir}list/a.txt`, `${dir}list/b/1.txt`, `${dir}list/b/2.txt`, `${dir}list/c.txt`, `${dir}list/d/x/y.txt`, `${dir}other.txt`];
        for (const key of keys) await oss.put(key, Buffer.from(key));

        const flat = await listAll(oss, { prefix: `${dir}list/`, 'max-keys': '2' });
        expect(flat.keys).toEqual(keys.slice(0, 5));
        expect(flat.pages).toBe(3);

        const grouped = await listAll(oss, { prefix: `${dir}list/`, delimiter: '/', 'max-keys': '1' });
        expect(grouped.keys).toEqual([`${dir}list/a.txt`, `${dir}list/c.txt`]);
        expect(grouped.prefixes).toEqual([`${dir}list/b/`, `${dir}list/d/`]);
        expect(grouped.pages).toBe(4);

        // ListObjects V1 through ali-oss's list(): marker paging.
        const v1 = (await oss.list({ prefix: `${dir}list/`, delimiter: '/', 'max-keys': 2 } as never, {})) as unknown as {
          objects?: { name: string }[];
          prefixes?: string[];
          isTruncated: boolean;
          nextMarker: string;
        };
        expect(v1.objects?.map((o) => o.name)).toEqual([`${dir}list/a.txt`]);
        expect(v1.prefixes).toEqual([`${dir}list/b/`]);
        expect(v1.isTruncated).toBe(true);
        expect(v1.nextMarker).toBe(`${dir}list/b/`);
        const v1next = (await oss.list({ prefix: `${dir}list/`, delimiter: '/', marker: v1.nextMarker } as never, {})) as unknown as typeof v1;
        expect(v1next.objects?.map((o) => o.name)).toEqual([`${dir}list/c.txt`]);
        expect(v1next.prefixes).toEqual([`${dir}list/d/`]);

        const page = (await oss.listV2({ prefix: `${dir}list/b/`, 'max-keys': '10' } as never, {})) as unknown as ListV2Result;
        expect(page.keyCount).toBe(2);
        expect(page.objects?.[0]).toMatchObject({ name: `${dir}list/b/1.txt`, size: `${dir}list/b/1.txt`.length, etag: `"${md5Hex(Buffer.from(`${dir}list/b/1.txt`))}"` });
        expect(page.objects?.[0]?.lastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
      });

      it('answers a wrong secret with SignatureDoesNotMatch and an unknown key with InvalidAccessKeyId', async () => {
        env.now = Date.now();
        await expect(client({ ...c, secret: 'not-the-secret' }).get(`${dir}x`)).rejects.toMatchObject({
          status: 403,
          code: 'SignatureDoesNotMatch',
        });
        await expect(client({ ...c, secret: 'not-the-secret' }).put(`${dir}x`, Buffer.from('x'))).rejects.toMatchObject({
          status: 403,
          code: 'SignatureDoesNotMatch',
        });
        await expect(client({ ...c, keyId: 'LTAI5tNobodyHasThisKey' }).listV2({ prefix: dir } as never, {})).rejects.toMatchObject({
          status: 403,
          code: 'InvalidAccessKeyId',
        });
      });
    });
  }

  it('fetches bucket info and location as ali-oss reads them', async () => {
    env.now = Date.now();
    const oss = client({ v4: false, sldEnable: true });
    const info = (await oss.getBucketInfo('bkt')) as unknown as { bucket: { Name: string; Location: string } };
    expect(info.bucket.Name).toBe('bkt');
    expect(info.bucket.Location).toBe('oss-cn-hangzhou');
    const location = (await oss.getBucketLocation('bkt')) as unknown as { location: string };
    expect(location.location).toBe('oss-cn-hangzhou');
  });

  it('creates and deletes a bucket, refusing to delete one that holds objects', async () => {
    env.now = Date.now();
    const oss = client({ v4: true, sldEnable: true });
    await oss.putBucket('made-by-test');
    oss.useBucket('made-by-test');
    await oss.put('k.txt', Buffer.from('k'));
    await expect(oss.deleteBucket('made-by-test')).rejects.toMatchObject({ status: 409, code: 'BucketNotEmpty' });
    await oss.delete('k.txt');
    await oss.deleteBucket('made-by-test');
    await expect(oss.put('k.txt', Buffer.from('k'))).rejects.toMatchObject({ status: 404, code: 'NoSuchBucket' });
  });
});
