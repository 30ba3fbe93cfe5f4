import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectStore } from '../../src/emulator/ObjectStore.js';
import type { ListRequest, PutRequest } from '../../src/emulator/ObjectStore.js';

/** The file-system store on its own: key order, folder/object clashes, atomic uploads. */

let sandbox: string;
let store: ObjectStore;
let logs: string[];

const PLAIN: PutRequest = {
  contentType: undefined,
  userMeta: [],
  headers: [],
  storageClass: 'Standard',
  expectedMd5: undefined,
  expectedSha256: undefined,
  forbidOverwrite: false,
};

beforeEach(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'ossduck-store-'));
  logs = [];
  store = await ObjectStore.open(join(sandbox, 'root'), () => Date.UTC(2024, 0, 1), (line) => logs.push(line));
  await store.createBucket('bkt');
});

afterEach(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

async function put(key: string, body: string | Buffer): Promise<void> {
  const outcome = await store.put('bkt', key, Readable.from([Buffer.from(body)]), PLAIN);
  expect(outcome.ok, key).toBe(true);
}

async function read(key: string): Promise<string | undefined> {
  const opened = await store.open('bkt', key);
  if (!opened) return undefined;
  try {
    return (await opened.handle.readFile()).toString('utf8');
  } finally {
    await opened.handle.close();
  }
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** ListObjects semantics over a plain key list: the reference the store is checked against. */
function referenceList(keys: readonly string[], request: ListRequest): { items: string[]; truncated: boolean } {
  const items: string[] = [];
  let lastPrefix: string | undefined;
  for (const key of [...keys].sort(byBytes)) {
    if (!key.startsWith(request.prefix) || byBytes(key, request.after) <= 0) continue;
    if (request.delimiter !== '') {
      const at = key.indexOf(request.delimiter, request.prefix.length);
      if (at >= 0) {
        const common = key.slice(0, at + request.delimiter.length);
        if (byBytes(common, request.after) <= 0 || common === lastPrefix) continue;
        lastPrefix = common;
        items.push(`P:${common}`);
        continue;
      }
    }
    items.push(`K:${key}`);
  }
  return { items: items.slice(0, request.maxKeys), truncated: items.length > request.maxKeys };
}

async function listAll(request: Omit<ListRequest, 'after'>): Promise<{ items: string[]; pages: number }> {
  const items: string[] = [];
  let after = '';
  let pages = 0;
  for (;;) {
    const page = await store.list('bkt', { ...request, after });
    pages++;
    // The store returns objects and prefixes apart; interleave them in key order as OSS's continuation does.
    const merged = [...page.objects.map((o) => `K:${o.key}`), ...page.commonPrefixes.map((p) => `P:${p}`)].sort((a, b) => byBytes(a.slice(2), b.slice(2)));
    items.push(...merged);
    if (!page.isTruncated) return { items, pages };
    after = page.next ?? '';
  }
}

const SEGMENTS = ['a', 'a-b', 'a.b', 'ab', 'b', '', '.', '..', '%', '%self', '😀', 'é', 'z', '\\', 'x'.repeat(300), '\u0001'];
const keyArb = fc
  .array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 4 })
  .map((segments) => segments.join('/'))
  .filter((key) => key !== '' && Buffer.byteLength(key) <= 1023);

describe('ObjectStore', () => {
  it('lists any set of keys in UTF-8 byte order, paged or not, with and without a delimiter (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(keyArb, { minLength: 1, maxLength: 14 }),
        fc.constantFrom('', 'a', 'a/', 'x', '%'),
        fc.constantFrom('', '/', '-'),
        fc.integer({ min: 1, max: 5 }),
        async (keys, prefix, delimiter, maxKeys) => {
          await rm(join(sandbox, 'root', 'bkt'), { recursive: true, force: true });
          await store.createBucket('bkt');
          for (const key of keys) await put(key, key);
          const whole = referenceList(keys, { prefix, delimiter, after: '', maxKeys: 1000 });
          const listed = await listAll({ prefix, delimiter, maxKeys });
          expect(listed.items).toEqual(whole.items);
          for (const key of keys) expect(await read(key)).toBe(key);
          const first = await store.list('bkt', { prefix, delimiter, after: '', maxKeys });
          expect(first.isTruncated).toBe(referenceList(keys, { prefix, delimiter, after: '', maxKeys }).truncated);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps an object and a folder of the same name apart (a, a/b, a/b/c in any order)', async () => {
    for (const order of [['a', 'a/b', 'a/b/c'], ['a/b/c', 'a/b', 'a'], ['a/b', 'a/b/c', 'a']]) {
      await rm(join(sandbox, 'root', 'bkt'), { recursive: true, force: true });
      await store.createBucket('bkt');
      for (const key of order) await put(key, `is ${key}`);
      for (const key of order) expect(await read(key)).toBe(`is ${key}`);
      await store.delete('bkt', 'a/b/c');
      await store.delete('bkt', 'a/b');
      expect(await read('a')).toBe('is a');
      expect(await read('a/b')).toBeUndefined();
    }
  });

  it('removes the folders a delete leaves empty, and only those', async () => {
    await put('deep/er/x.txt', 'x');
    await put('deep/y.txt', 'y');
    await store.delete('bkt', 'deep/er/x.txt');
    expect(await readdir(join(sandbox, 'root', 'bkt', 'deep'))).toEqual(['y.txt']);
    await store.delete('bkt', 'deep/y.txt');
    expect(await readdir(join(sandbox, 'root', 'bkt'))).toEqual([]);
    await store.delete('bkt', 'never/was');
  });

  it('leaves one whole object when many uploads to one key race', async () => {
    const bodies = Array.from({ length: 24 }, (_, i) => Buffer.alloc(256 * 1024, i + 1));
    await Promise.all(bodies.map((body) => store.put('bkt', 'race.bin', Readable.from([body.subarray(0, 100_000), body.subarray(100_000)]), PLAIN)));
    const opened = await store.open('bkt', 'race.bin');
    expect(opened).toBeDefined();
    const content = await opened!.handle.readFile();
    await opened!.handle.close();
    expect(bodies.some((b) => b.equals(content))).toBe(true);
    expect(opened!.info.etag).toBe(createHash('md5').update(content).digest('hex').toUpperCase());
    expect(await readdir(join(sandbox, 'root', '.ossduck', 'tmp'))).toEqual([]);
  });

  it('keeps concurrent uploads of a key and keys below it all readable', async () => {
    const keys = ['p', 'p/q', 'p/q/r', 'p/s', 'p/q/'];
    await Promise.all([...keys, ...keys].map((key) => store.put('bkt', key, Readable.from([Buffer.from(`is ${key}`)]), PLAIN)));
    for (const key of keys) expect(await read(key)).toBe(`is ${key}`);
  });

  it('discards an upload whose body fails midway', async () => {
    await put('kept.txt', 'old');
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1000, 1));
        this.destroy(new Error('client went away'));
      },
    });
    const outcome = await store.put('bkt', 'kept.txt', failing, PLAIN);
    expect(outcome).toEqual({ ok: false, reason: 'aborted' });
    expect(await read('kept.txt')).toBe('old');
    expect(await readdir(join(sandbox, 'root', '.ossduck', 'tmp'))).toEqual([]);
  });

  it('refuses a wrong Content-MD5 and keeps the old object', async () => {
    await put('m.txt', 'old');
    const outcome = await store.put('bkt', 'm.txt', Readable.from([Buffer.from('new')]), { ...PLAIN, expectedMd5: createHash('md5').update('other').digest() });
    expect(outcome).toEqual({ ok: false, reason: 'md5' });
    expect(await read('m.txt')).toBe('old');
  });

  it('describes files copied in by hand, and notices when one is replaced', async () => {
    await mkdir(join(sandbox, 'root', 'bkt', 'seed'), { recursive: true });
    await writeFile(join(sandbox, 'root', 'bkt', 'seed', 'data.csv'), 'a,b\n');
    const first = await store.head('bkt', 'seed/data.csv');
    expect(first).toMatchObject({ size: 4, etag: createHash('md5').update('a,b\n').digest('hex').toUpperCase(), contentType: 'text/csv' });
    await writeFile(join(sandbox, 'root', 'bkt', 'seed', 'data.csv'), 'a,b,c\n');
    expect((await store.head('bkt', 'seed/data.csv'))?.etag).toBe(createHash('md5').update('a,b,c\n').digest('hex').toUpperCase());
  });

  it('skips, and reports, files whose names the key codec would not write', async () => {
    await writeFile(join(sandbox, 'root', 'bkt', 'back\\slash.txt'), 'x');
    await put('fine.txt', 'y');
    const listed = await store.list('bkt', { prefix: '', delimiter: '', after: '', maxKeys: 100 });
    expect(listed.objects.map((o) => o.key)).toEqual(['fine.txt']);
    expect(logs.some((l) => l.includes('back\\slash.txt'))).toBe(true);
  });
});
