import { createHash } from 'node:crypto';
import { appendFile, copyFile, mkdir, mkdtemp, readFile, rm, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import OSS from 'ali-oss';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectStore } from '../../src/emulator/ObjectStore.js';
import type { ListRequest, ObjectInfo, PutRequest } from '../../src/emulator/ObjectStore.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';

/**
 * Listings answer unchanged objects and folders from memory (DescriptionCache,
 * FolderCache). Every change, through the emulator or behind its back on
 * disk, must show in the next page. The stores here run on a clock five
 * minutes ahead, so that what the test just wrote already counts as settled
 * and is cached (the real clock leaves fresh files out of the caches), and
 * `afterFsTick` makes sure a change made after a listing gets a newer time
 * stamp than the state the listing cached.
 */

const AHEAD_MS = 5 * 60_000;

const PLAIN: PutRequest = {
  contentType: undefined,
  userMeta: [],
  headers: [],
  storageClass: 'Standard',
  expectedMd5: undefined,
  expectedSha256: undefined,
  forbidOverwrite: false,
};

function md5(text: string | Buffer): string {
  return createHash('md5').update(text).digest('hex').toUpperCase();
}

let sandbox: string;
let probe: string;

/** Returns once the file system's clock has moved past every time stamp written so far (a few ms at most, no sleep). */
async function afterFsTick(): Promise<void> {
  await writeFile(probe, '');
  const before = (await stat(probe, { bigint: true })).ctimeNs;
  for (;;) {
    await writeFile(probe, '');
    if ((await stat(probe, { bigint: true })).ctimeNs > before) return;
  }
}

beforeEach(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'ossduck-listing-cache-'));
  probe = join(sandbox, 'probe');
});

afterEach(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

describe('ObjectStore listing caches', () => {
  let store: ObjectStore;
  let root: string;

  beforeEach(async () => {
    root = join(sandbox, 'root');
    store = await ObjectStore.open(root, () => Date.now() + AHEAD_MS, () => {});
    await store.createBucket('bkt');
  });

  const put = async (key: string, body: string): Promise<void> => {
    expect((await store.put('bkt', key, Readable.from([Buffer.from(body)]), PLAIN)).ok).toBe(true);
  };

  const listAll = async (request: Partial<ListRequest> = {}): Promise<ObjectInfo[]> => {
    const objects: ObjectInfo[] = [];
    let after = '';
    for (;;) {
      const page = await store.list('bkt', { prefix: '', delimiter: '', maxKeys: 2, ...request, after });
      objects.push(...page.objects);
      if (!page.isTruncated) return objects;
      after = page.next ?? '';
    }
  };

  const etags = async (): Promise<Record<string, string>> => Object.fromEntries((await listAll()).map((o) => [o.key, o.etag]));

  it('fills its caches from a listing, and leaves out files changed within the last seconds', async () => {
    for (const key of ['d/a.txt', 'd/b.txt', 'd/c.txt']) await put(key, key);
    await listAll();
    expect(store.listingCache.descriptions).toBe(3);
    expect(store.listingCache.folders).toBeGreaterThanOrEqual(2);

    const now = await ObjectStore.open(join(sandbox, 'root'), Date.now, () => {});
    await now.list('bkt', { prefix: '', delimiter: '', after: '', maxKeys: 10 });
    expect(now.listingCache).toEqual({ descriptions: 0, folders: 0 });
  });

  it('sees an object overwritten, deleted or put anew through the store', async () => {
    for (const key of ['a.txt', 'b.txt', 'c.txt', 'd.txt']) await put(key, `old ${key}`);
    expect(await etags()).toEqual({ 'a.txt': md5('old a.txt'), 'b.txt': md5('old b.txt'), 'c.txt': md5('old c.txt'), 'd.txt': md5('old d.txt') });
    await put('a.txt', 'new a.txt');
    await store.delete('bkt', 'b.txt');
    await put('e.txt', 'new e.txt');
    expect(await etags()).toEqual({ 'a.txt': md5('new a.txt'), 'c.txt': md5('old c.txt'), 'd.txt': md5('old d.txt'), 'e.txt': md5('new e.txt') });
    await store.delete('bkt', 'c.txt');
    await put('c.txt', 'new c.txt');
    expect(await etags()).toEqual({ 'a.txt': md5('new a.txt'), 'c.txt': md5('new c.txt'), 'd.txt': md5('old d.txt'), 'e.txt': md5('new e.txt') });
  });

  it('sees files edited, appended to, copied over, touched or replaced on disk', async () => {
    const file = (key: string): string => join(root, 'bkt', 'disk', key);
    for (const key of ['edit', 'append', 'copy', 'same', 'replace']) await put(`disk/${key}`, `was ${key}`);
    await writeFile(join(sandbox, 'source'), 'copied in by cp');
    await listAll();
    expect(store.listingCache.descriptions).toBe(5);
    await afterFsTick();

    await writeFile(file('edit'), 'edited, and longer than before');
    await appendFile(file('append'), ' and more');
    await copyFile(join(sandbox, 'source'), file('copy'));
    const before = await stat(file('same'));
    await writeFile(file('same'), 'WAS same');
    await utimes(file('same'), before.atime, new Date(before.mtimeMs + 1));
    await writeFile(join(sandbox, 'replacement'), 'a new file, moved in');
    await rm(file('replace'));
    await copyFile(join(sandbox, 'replacement'), file('replace'));

    const listed = Object.fromEntries((await listAll({ prefix: 'disk/' })).map((o) => [o.key, o]));
    expect(listed['disk/edit']).toMatchObject({ etag: md5('edited, and longer than before'), size: 30 });
    expect(listed['disk/append']).toMatchObject({ etag: md5('was append and more'), size: 19 });
    expect(listed['disk/copy']).toMatchObject({ etag: md5('copied in by cp'), size: 15 });
    expect(listed['disk/same']).toMatchObject({ etag: md5('WAS same'), size: 8 });
    expect(listed['disk/replace']).toMatchObject({ etag: md5('a new file, moved in') });
  });

  it('sees a same-size edit stamped within the same millisecond', async () => {
    const path = join(root, 'bkt', 'ms.txt');
    await put('ms.txt', 'aaaa');
    await listAll();
    const before = await stat(path, { bigint: true });
    await writeFile(path, 'bbbb');
    // Five microseconds from the old mtime, within the same millisecond.
    const shifted = before.mtimeNs % 1_000_000n < 500_000n ? before.mtimeNs + 5_000n : before.mtimeNs - 5_000n;
    await utimes(path, 0, Number(shifted / 1000n) / 1e6);
    const after = await stat(path, { bigint: true });
    expect(after.mtimeNs / 1_000_000n).toBe(before.mtimeNs / 1_000_000n);
    expect(after.mtimeNs - before.mtimeNs).not.toBe(0n);
    expect((await listAll())[0]?.etag).toBe(md5('bbbb'));
  });

  it('sees files added and removed on disk between two pages of one listing', async () => {
    const dir = join(root, 'bkt', 'f');
    for (const key of ['f/a', 'f/c', 'f/e', 'f/g']) await put(key, key);
    await listAll({ prefix: 'f/' });
    const first = await store.list('bkt', { prefix: 'f/', delimiter: '', after: '', maxKeys: 2 });
    expect(first.objects.map((o) => o.key)).toEqual(['f/a', 'f/c']);
    await afterFsTick();
    await writeFile(join(dir, 'd'), 'added by hand');
    await unlink(join(dir, 'e'));
    await mkdir(join(dir, 'h'));
    await writeFile(join(dir, 'h', 'i'), 'below a new folder');
    const rest = await store.list('bkt', { prefix: 'f/', delimiter: '', after: first.next ?? '', maxKeys: 10 });
    expect(rest.objects.map((o) => [o.key, o.etag])).toEqual([
      ['f/d', md5('added by hand')],
      ['f/g', md5('f/g')],
      ['f/h/i', md5('below a new folder')],
    ]);
  });

  it('sees a sidecar removed or rewritten by hand while its object is unchanged', async () => {
    const typed = { ...PLAIN, contentType: 'text/x-kept' };
    expect((await store.put('bkt', 'typed.bin', Readable.from([Buffer.from('typed')]), typed)).ok).toBe(true);
    expect((await store.put('bkt', 'other.bin', Readable.from([Buffer.from('other')]), typed)).ok).toBe(true);
    expect((await listAll()).map((o) => o.contentType)).toEqual(['text/x-kept', 'text/x-kept']);
    await afterFsTick();
    const meta = join(root, '.ossduck', 'meta', 'bkt');
    const sidecar = (key: string): string => {
      const hash = createHash('sha256').update(key).digest('hex');
      return join(meta, hash.slice(0, 2), `${hash}.json`);
    };
    await unlink(sidecar('typed.bin'));
    const record = JSON.parse((await readFile(sidecar('other.bin'))).toString('utf8')) as Record<string, unknown>;
    await writeFile(sidecar('other.bin'), JSON.stringify({ ...record, contentType: 'text/x-edited' }));
    expect((await listAll()).map((o) => [o.key, o.contentType])).toEqual([
      ['other.bin', 'text/x-edited'],
      ['typed.bin', 'application/octet-stream'],
    ]);
  });

  it('sees a sub-folder gain and lose the object of its own name, and the sidecars removed by hand', async () => {
    await put('s/x/y', 'y');
    expect((await listAll({ prefix: 's/' })).map((o) => o.key)).toEqual(['s/x/y']);
    await afterFsTick();
    await writeFile(join(root, 'bkt', 's', 'x', '%self'), 'self by hand');
    expect((await listAll({ prefix: 's/' })).map((o) => [o.key, o.etag])).toEqual([
      ['s/x', md5('self by hand')],
      ['s/x/y', md5('y')],
    ]);
    await afterFsTick();
    await unlink(join(root, 'bkt', 's', 'x', '%self'));
    await put('s/x/y', 'yy');
    await rm(join(root, '.ossduck', 'meta', 'bkt'), { recursive: true });
    expect((await listAll({ prefix: 's/' })).map((o) => [o.key, o.etag, o.contentType])).toEqual([['s/x/y', md5('yy'), 'application/octet-stream']]);
  });

  it('lists any keys in UTF-8 byte order after changes between listings, paged, with and without a delimiter (property)', async () => {
    const SEGMENTS = ['a', 'a-b', 'ab', 'b', '', '%self', '😀', 'é', 'x'.repeat(300)];
    const keyArb = fc
      .array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 3 })
      .map((segments) => segments.join('/'))
      .filter((key) => key !== '' && Buffer.byteLength(key) <= 1023);
    const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
    const keysNow = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(keyArb, { maxLength: 6 }), fc.uniqueArray(keyArb, { maxLength: 3 }), fc.constantFrom('', '/'), fc.integer({ min: 1, max: 4 }), async (added, removed, delimiter, maxKeys) => {
        for (const key of added) {
          await put(key, `${key} ${keysNow.size}`);
          keysNow.add(key);
        }
        for (const key of removed) {
          await store.delete('bkt', key);
          keysNow.delete(key);
        }
        const objects = await listAll({ delimiter, maxKeys });
        const expected = [...keysNow].filter((key) => delimiter === '' || !key.includes('/')).sort(byBytes);
        expect(objects.map((o) => o.key)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
    expect(store.listingCache.descriptions).toBeGreaterThan(0);
  });
});

describe('ObjectStore listing caches, read through ali-oss listV2', () => {
  let env: Running;

  beforeEach(async () => {
    env = await startEmulator({ buckets: ['bkt'], now: Date.now() + AHEAD_MS });
  });

  afterEach(async () => {
    await env.close();
  });

  const client = (): OSS =>
    new OSS({ region: 'oss-cn-hangzhou', endpoint: env.emulator.ossUrl, accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, bucket: 'bkt', authorizationV4: true } as OSS.Options);

  const listAll = async (oss: OSS, prefix: string): Promise<[string, string, number][]> => {
    const found: [string, string, number][] = [];
    let token: string | undefined;
    do {
      const page = (await oss.listV2({ prefix, 'max-keys': '3', ...(token ? { 'continuation-token': token } : {}) } as OSS.ListV2ObjectsQuery, {})) as unknown as {
        objects?: { name: string; etag: string; size: number }[];
        isTruncated: boolean;
        nextContinuationToken?: string;
      };
      found.push(...(page.objects ?? []).map((o): [string, string, number] => [o.name, o.etag, o.size]));
      token = page.isTruncated ? page.nextContinuationToken : undefined;
    } while (token);
    return found;
  };

  it('gives ali-oss each change made with ali-oss and on disk, page after page', async () => {
    const oss = client();
    for (const n of [1, 2, 3, 4, 5, 6, 7]) await oss.put(`p/o${n}.txt`, Buffer.from(`object ${n}`));
    const quoted = (text: string): string => `"${md5(text)}"`;
    expect(await listAll(oss, 'p/')).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => [`p/o${n}.txt`, quoted(`object ${n}`), 8]));
    expect(await listAll(oss, 'p/')).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => [`p/o${n}.txt`, quoted(`object ${n}`), 8]));
    await afterFsTick();

    await oss.put('p/o1.txt', Buffer.from('object one, again'));
    await oss.delete('p/o2.txt');
    await appendFile(join(env.root, 'bkt', 'p', 'o3.txt'), '+');
    await writeFile(join(env.root, 'bkt', 'p', 'o4.txt'), 'OBJECT 4');
    await unlink(join(env.root, 'bkt', 'p', 'o5.txt'));
    await writeFile(join(env.root, 'bkt', 'p', 'o8.txt'), 'added by hand');
    expect(await listAll(oss, 'p/')).toEqual([
      ['p/o1.txt', quoted('object one, again'), 17],
      ['p/o3.txt', quoted('object 3+'), 9],
      ['p/o4.txt', quoted('OBJECT 4'), 8],
      ['p/o6.txt', quoted('object 6'), 8],
      ['p/o7.txt', quoted('object 7'), 8],
      ['p/o8.txt', quoted('added by hand'), 13],
    ]);
  });
});
