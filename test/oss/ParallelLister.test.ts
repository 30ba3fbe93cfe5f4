import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OssClient } from '../../src/oss/OssClient.js';
import type { ListPage, ObjectSummary } from '../../src/oss/OssClient.js';
import { OssduckError } from '../../src/OssduckError.js';
import { ParallelLister } from '../../src/oss/ParallelLister.js';
import type { ListPageSource } from '../../src/oss/ParallelLister.js';
import { accountCredentials, emulatorPresigner, getUrl } from '../emulator/httpClient.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startEmulator } from '../emulator/emulatorFixture.js';
import type { Running } from '../emulator/emulatorFixture.js';
import { LAYOUT, seedFlat, seedListingLayout, sequentialListing } from '../support/listingLayout.js';
import type { ListedObject } from '../support/listingLayout.js';

/**
 * ParallelLister against the emulator, with one sequential ali-oss listV2
 * stream of the same prefix as the reference: the same objects, in the same
 * order, whatever the concurrency; no more requests in flight than allowed;
 * a flat prefix listed once; a failure or an interrupt ends the listing.
 */

let env: Running;
let client: OssClient;
let reference: OSS;
let seeded: number;

/** ListPageSource over the real client, counting requests and the most in flight at once. */
function counted(source: ListPageSource = (p, t, d) => client.listPage(p, t, 1000, d)) {
  const stats = { calls: [] as { prefix: string; delimiter: string | undefined }[], inFlight: 0, maxInFlight: 0, settled: 0 };
  let onSettle: (() => void) | undefined;
  const wrapped: ListPageSource = async (prefix, token, delimiter) => {
    stats.calls.push({ prefix, delimiter });
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      return await source(prefix, token, delimiter);
    } finally {
      stats.inFlight--;
      stats.settled++;
      onSettle?.();
    }
  };
  /** Resolves once no request is in flight. */
  const quiet = async (): Promise<void> => {
    while (stats.inFlight > 0) await new Promise<void>((resolve) => (onSettle = resolve));
  };
  return { stats, source: wrapped, quiet };
}

async function drain(lister: ParallelLister): Promise<ObjectSummary[]> {
  const all: ObjectSummary[] = [];
  for await (const objects of lister) {
    expect(objects.length).toBeGreaterThan(0);
    all.push(...objects);
  }
  return all;
}

const comparable = (o: ObjectSummary): ListedObject => ({ key: o.key, size: o.size, etag: o.etag ?? '', lastModified: o.lastModified });

beforeAll(async () => {
  env = await startEmulator({ buckets: ['bkt'] });
  const put = emulatorPresigner(env, { method: 'PUT' });
  seeded = await seedListingLayout(env.root, 'bkt', async (key, body) => {
    const res = await getUrl(put.url(key), 'PUT', body);
    if (res.status !== 200) throw new Error(`PUT ${JSON.stringify(key)}: ${res.status} ${res.text}`);
  });
  seedFlat(env.root, 'bkt', 'flat/', 2500);
  client = await OssClient.create({
    bucket: 'bkt',
    region: 'cn-hangzhou',
    product: 'oss',
    address: { scheme: 'http', host: `127.0.0.1:${env.emulator.port}`, style: 'path' },
    credentials: accountCredentials,
  });
  reference = new OSS({
    region: 'oss-cn-hangzhou',
    endpoint: `http://127.0.0.1:${env.emulator.port}`,
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    bucket: 'bkt',
    authorizationV4: true,
  } as OSS.Options);
}, 120_000);

afterAll(async () => {
  await env.close();
});

describe('ParallelLister', () => {
  it.each([1, 4, 32])('lists every object of a location with sub-prefixes as one sequential ali-oss stream does, in its order (%i in flight)', async (concurrency) => {
    const { objects: expected } = await sequentialListing(reference, LAYOUT);
    expect(expected).toHaveLength(seeded);
    const { stats, source } = counted();
    const got = await drain(new ParallelLister(source, LAYOUT, { concurrency }));
    expect(got.map(comparable)).toEqual(expected);
    // The keys that need encoding came through decoded, directory markers included (callers leave them out).
    for (const key of ['loc/a+b c.txt', 'loc/100%.txt', 'loc/\ufeffa.txt', 'loc/ctl-\u0001.txt', 'loc/sp ace+/%25/\ufeff/x.txt', 'loc/\u0001dir/x.txt', 'loc/', 'loc/s05/']) {
      expect(got.map((o) => o.key)).toContain(key);
    }
    expect(stats.maxInFlight).toBeLessThanOrEqual(concurrency);
    if (concurrency > 1) expect(stats.maxInFlight).toBeGreaterThan(1);
    // The delimiter listing (two pages: 1,200 objects and 316 sub-prefixes right under loc/), then each sub-prefix.
    const delimited = stats.calls.filter((c) => c.delimiter === '/');
    expect(delimited.map((c) => c.prefix)).toEqual([LAYOUT, LAYOUT]);
    expect(new Set(stats.calls.filter((c) => c.delimiter === undefined).map((c) => c.prefix)).size).toBeGreaterThan(300);
  }, 120_000);

  it('lists the same objects unordered, page by page as they arrive', async () => {
    const { objects: expected } = await sequentialListing(reference, LAYOUT);
    const { stats, source } = counted();
    const got = await drain(new ParallelLister(source, LAYOUT, { concurrency: 16, ordered: false }));
    const byBytes = (a: ListedObject, b: ListedObject): number => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key));
    expect(got.map(comparable).sort(byBytes)).toEqual(expected);
    expect(stats.maxInFlight).toBeLessThanOrEqual(16);
    expect(stats.maxInFlight).toBeGreaterThan(1);
  }, 120_000);

  it('lists a flat location in as many requests as a sequential listing: its delimiter listing is the listing', async () => {
    const { objects: expected, pages } = await sequentialListing(reference, 'flat/');
    expect([expected.length, pages]).toEqual([2500, 3]);
    const { stats, source } = counted();
    const got = await drain(new ParallelLister(source, 'flat/', { concurrency: 32 }));
    expect(got.map(comparable)).toEqual(expected);
    expect(stats.calls).toEqual(Array.from({ length: 3 }, () => ({ prefix: 'flat/', delimiter: '/' })));
  });

  it('ends at once for an empty location, after one request', async () => {
    const { stats, source } = counted();
    expect(await drain(new ParallelLister(source, 'nothing-here/', { concurrency: 8 }))).toEqual([]);
    expect(stats.calls).toHaveLength(1);
  });

  it('holds a bounded number of pages when nothing is taken', async () => {
    const { stats, source, quiet } = counted();
    const lister = new ParallelLister(source, LAYOUT, { concurrency: 4, heldPages: 6 });
    expect((await lister.next())!.length).toBeGreaterThan(0);
    await quiet();
    // The first delimiter page was taken from; the second may be fetched; at most 6 sub-prefix pages are held.
    expect(stats.settled).toBeLessThanOrEqual(2 + 6 + 1);
    const more = stats.settled;
    await lister.next();
    await quiet();
    expect(stats.settled).toBeGreaterThanOrEqual(more);
    lister.close();
    expect(await lister.next()).toBeUndefined();
  });

  it('fails with the first failure and hands out nothing after it', async () => {
    const { source, quiet } = counted((prefix, token, delimiter) =>
      prefix === 'loc/s00/' && token !== undefined ? Promise.reject(new Error('page 2 of loc/s00/ broke off')) : client.listPage(prefix, token, 1000, delimiter),
    );
    const lister = new ParallelLister(source, LAYOUT, { concurrency: 8 });
    const got: string[] = [];
    const failure = await (async () => {
      try {
        for await (const objects of lister) got.push(...objects.map((o) => o.key));
      } catch (error) {
        return error as Error;
      }
      throw new Error('the listing did not fail');
    })();
    expect(failure.message).toBe('page 2 of loc/s00/ broke off');
    // Nothing past the first page of loc/s00/ in key order (every key before it is ASCII there).
    expect(got.filter((k) => k.startsWith('loc/s00/')).length).toBeLessThanOrEqual(1000);
    expect(got.filter((k) => Buffer.compare(Buffer.from(k), Buffer.from('loc/s01/')) >= 0)).toEqual([]);
    await quiet();
  });

  it('stops when its signal is aborted, as cancelled', async () => {
    const controller = new AbortController();
    const { source, quiet } = counted();
    const lister = new ParallelLister(source, LAYOUT, { concurrency: 4, signal: controller.signal, label: 'oss://bkt/loc/' });
    await lister.next();
    controller.abort();
    const error = await lister.next().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OssduckError);
    expect((error as OssduckError).format()).toBe('FAILED: ODPS-0120031:Instance has been cancelled - listing oss://bkt/loc/ was interrupted');
    await quiet();
  });

  it('merges objects and sub-prefixes of a delimiter page in the byte order of their UTF-8, as OSS sorts them', async () => {
    // U+FEFF sorts before an emoji in UTF-8 (code points), after it in UTF-16.
    const page = (objects: string[], commonPrefixes: string[], next?: string): ListPage => ({
      objects: objects.map((key) => ({ key, size: 1, type: null, lastModified: '2026-01-01T00:00:00.000Z', storageClass: null, etag: null, restoreInfo: null, ownerId: null, ownerDisplayName: null })),
      commonPrefixes,
      nextContinuationToken: next,
    });
    const pages: Record<string, ListPage> = {
      'p/|/': page(['p/a', 'p/\ufeff', 'p/\u{1F600}'], ['p/\ufeff/', 'p/\u{1F600}/']),
      'p/\ufeff/|': page(['p/\ufeff/1'], []),
      'p/\u{1F600}/|': page(['p/\u{1F600}/1'], []),
    };
    const lister = new ParallelLister(async (prefix, _token, delimiter) => pages[`${prefix}|${delimiter ?? ''}`]!, 'p/', { concurrency: 2 });
    expect((await drain(lister)).map((o) => o.key)).toEqual(['p/a', 'p/\ufeff', 'p/\ufeff/1', 'p/\u{1F600}', 'p/\u{1F600}/1']);
  });
});
