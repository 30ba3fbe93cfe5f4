import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOssduck, OssduckError } from '../../../src/index.js';
import type { Ossduck } from '../../../src/index.js';
import { accountCredentials, emulatorPresigner, getUrl } from '../../emulator/httpClient.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startEmulator } from '../../emulator/emulatorFixture.js';
import type { Running } from '../../emulator/emulatorFixture.js';
import { HttpProxy } from '../../support/HttpProxy.js';
import type { SeenRequest } from '../../support/HttpProxy.js';
import { isMarker, LAYOUT, seedFlat, seedListingLayout, sequentialListing } from '../../support/listingLayout.js';

/**
 * ALTER TABLE ... REFRESH METADATA, which lists a location by sub-prefix with
 * several requests in flight: against the emulator (through a proxy that
 * counts, holds or refuses requests), the table holds exactly the rows of one
 * sequential ali-oss listV2 stream of the location, in its order; a failure
 * or an interrupt halfway keeps the previous rows.
 */

const BUCKET = 'bkt';
const SETUP = `USE refresh_project;
  CREATE OBJECT TABLE IF NOT EXISTS t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/${BUCKET}/${LAYOUT}';
  CREATE OBJECT TABLE IF NOT EXISTS flat LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/${BUCKET}/flat/';
  CREATE OBJECT TABLE IF NOT EXISTS empty LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/${BUCKET}/nothing-here/';`;

let env: Running;
let proxy: HttpProxy;
let duck: Ossduck;
let reference: OSS;

const isListing = (r: SeenRequest): boolean => r.method === 'GET' && /[?&]list-type=2(&|$)/.test(r.url);
const prefixOf = (r: SeenRequest): string => decodeURIComponent(/[?&]prefix=([^&]*)/.exec(r.url)?.[1] ?? '');

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const results = await duck.run(sql);
  return [...(results.at(-1)?.rows ?? [])];
}

async function failure(sql: string): Promise<OssduckError> {
  try {
    await duck.run(sql);
  } catch (error) {
    return error as OssduckError;
  }
  throw new Error('the statement succeeded');
}

/** The table's rows as one sequential ali-oss listing of its location gives them: markers left out, keys relative. */
async function expectedRows(prefix: string): Promise<{ key: string; size: number; etag: string; last_modified: number }[]> {
  const { objects } = await sequentialListing(reference, prefix);
  return objects.filter((o) => !isMarker(prefix, o)).map((o) => ({ key: o.key.slice(prefix.length), size: o.size, etag: o.etag, last_modified: Date.parse(o.lastModified) }));
}

async function tableRows(table: string): Promise<{ key: string; size: number; etag: string; last_modified: number }[]> {
  // No ORDER BY: the table's own row order.
  return (await rows(`SELECT key, size, etag, last_modified FROM ${table}`)).map((r) => ({
    key: String(r['key']),
    size: Number(r['size']),
    etag: String(r['etag']),
    last_modified: (r['last_modified'] as Date).getTime(),
  }));
}

beforeAll(async () => {
  env = await startEmulator({ buckets: [BUCKET] });
  const put = emulatorPresigner(env, { method: 'PUT' });
  await seedListingLayout(env.root, BUCKET, async (key, body) => {
    const res = await getUrl(put.url(key), 'PUT', body);
    if (res.status !== 200) throw new Error(`PUT ${JSON.stringify(key)}: ${res.status} ${res.text}`);
  });
  seedFlat(env.root, BUCKET, 'flat/', 2500);
  proxy = await HttpProxy.start(env.emulator.ossUrl);
  reference = new OSS({ region: 'oss-cn-hangzhou', endpoint: env.emulator.ossUrl, accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, bucket: BUCKET, authorizationV4: true } as OSS.Options);
  duck = await openOssduck({ credentials: accountCredentials, ossEndpoint: proxy.url, stsEndpoint: proxy.url });
  await duck.run(SETUP);
}, 120_000);

afterAll(async () => {
  await duck?.close();
  await proxy?.close();
  await env?.close();
});

describe('REFRESH METADATA', () => {
  it('fills a location of many sub-prefixes with exactly the rows of one sequential listV2 stream, in its order', async () => {
    const before = proxy.count(isListing);
    await duck.run('ALTER TABLE t REFRESH METADATA');
    const expected = await expectedRows(LAYOUT);
    expect(expected.length).toBeGreaterThan(5000);
    expect(await tableRows('t')).toEqual(expected);
    const keys = expected.map((r) => r.key);
    for (const key of ['a+b c.txt', '100%.txt', '\ufeffa.txt', 'ctl-\u0001.txt', 'sp ace+/%25/\ufeff/x.txt', '\u0001dir/x.txt', 's06/notempty/']) expect(keys).toContain(key);
    for (const marker of ['', 's05/', 's04/', 'aw/']) expect(keys).not.toContain(marker);
    // Sub-prefixes were listed by streams of their own.
    const listed = proxy.seen.slice(before).filter(isListing);
    expect(new Set(listed.map(prefixOf))).toContain('loc/s00/');
    expect(listed.filter((r) => /[?&]delimiter=(%2F|\/)(&|$)/.test(r.url))).toHaveLength(2);
  }, 120_000);

  it('lists a flat location once (its delimiter listing is the listing), and an empty one in one request', async () => {
    let before = proxy.count(isListing);
    await duck.run('ALTER TABLE flat REFRESH METADATA');
    expect(await tableRows('flat')).toEqual(await expectedRows('flat/'));
    expect(proxy.count(isListing) - before).toBe(3);
    before = proxy.count(isListing);
    expect(await rows('ALTER TABLE empty REFRESH METADATA; SELECT count(*)::INTEGER AS n FROM empty')).toEqual([{ n: 0 }]);
    expect(proxy.count(isListing) - before).toBe(1);
  });

  it('keeps the previous rows when one sub-prefix fails halfway, and names that prefix', async () => {
    await duck.run('ALTER TABLE t REFRESH METADATA');
    const previous = await tableRows('t');
    // The second page of loc/s00/ (2,500 objects) is refused.
    proxy.refuse((r) => isListing(r) && prefixOf(r) === 'loc/s00/' && /[?&]continuation-token=/.test(r.url), 500, 'InternalError');
    try {
      const error = await failure('ALTER TABLE t REFRESH METADATA');
      expect(error).toBeInstanceOf(OssduckError);
      expect(error.detail).toMatch(/^listing oss:\/\/bkt\/loc\/s00\/ failed: InternalError \(HTTP 500\): refused by the test proxy/);
    } finally {
      proxy.refuse(undefined);
    }
    expect(await tableRows('t')).toEqual(previous);
  }, 120_000);

  it('stops at an interrupt while pages are on their way, keeping the previous rows', async () => {
    await duck.run('ALTER TABLE flat REFRESH METADATA');
    const previous = await tableRows('flat');
    expect(previous).toHaveLength(2500);
    const held = proxy.holdAfter(isListing, 1);
    const refresh = duck.run('ALTER TABLE flat REFRESH METADATA').then(
      () => undefined,
      (e: unknown) => e as OssduckError,
    );
    try {
      await held;
      duck.interrupt();
      const error = await refresh;
      expect(error?.format()).toBe('FAILED: ODPS-0120031:[1,13] Instance has been cancelled - listing oss://bkt/flat/ was interrupted');
    } finally {
      proxy.release('forward');
    }
    expect(await tableRows('flat')).toEqual(previous);
    await duck.run('ALTER TABLE flat REFRESH METADATA');
    expect(await tableRows('flat')).toEqual(previous);
  });

  it('keeps to ossduck.oss.max_concurrency: one request in flight gives the same rows', async () => {
    await duck.run('SET ossduck.oss.max_concurrency=1; ALTER TABLE t REFRESH METADATA; SET ossduck.oss.max_concurrency=32;');
    expect(await tableRows('t')).toEqual(await expectedRows(LAYOUT));
  }, 120_000);
});
