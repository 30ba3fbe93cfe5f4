import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type OSS from 'ali-oss';

/**
 * A location laid out to exercise a listing split by sub-prefix: objects
 * right under it on both pages of its delimiter listing, interleaved with
 * sub-prefixes (316 of them, so the common prefixes are paged too); a
 * sub-prefix of three pages, one of exactly one page, one of one object,
 * nested folders, directory markers (the location itself, empty folders,
 * a non-empty object whose name ends in '/'), and keys and sub-prefixes
 * that need percent-encoding in a listing (`+`, space, U+FEFF, `%`, chr(1)
 * and the rest of test/fixtures/awkward-keys.json).
 */
export const LAYOUT = 'loc/';

const AWKWARD = (JSON.parse(readFileSync(new URL('../fixtures/awkward-keys.json', import.meta.url), 'utf8')) as { key: string }[]).map((k) => k.key);

/** Files written straight into the emulator's root (the bulk), by key under LAYOUT. */
function bulkKeys(): string[] {
  const keys: string[] = [];
  const pad = (i: number, n: number): string => String(i).padStart(n, '0');
  for (let i = 0; i < 1200; i++) keys.push(`top-${pad(i, 4)}.txt`);
  for (let i = 0; i < 2500; i++) keys.push(`s00/o-${pad(i, 4)}.txt`);
  for (let i = 0; i < 1000; i++) keys.push(`s01/o-${pad(i, 4)}.txt`);
  keys.push('s02/only.txt');
  for (let i = 0; i < 100; i++) keys.push(`s03/a-${pad(i, 3)}.txt`, `s03/a/b-${pad(i, 3)}.txt`, `s03/a/b/c/d-${pad(i, 3)}.txt`);
  for (let s = 7; s < 16; s++) for (let i = 0; i < 10; i++) keys.push(`s${pad(s, 2)}/f${i}.bin`);
  for (let u = 0; u < 300; u++) keys.push(`u${pad(u, 3)}/one.txt`);
  return keys;
}

/** Objects PUT through the API: names a file system holds awkwardly, and directory markers. */
function putKeys(): { key: string; body: string }[] {
  const keys = [
    ...AWKWARD.flatMap((k) => [k, `aw/${k}`]),
    'sp ace+/%25/\ufeff/x.txt',
    '\u0001dir/x.txt',
    'plus+dir/a b.txt',
    's04/inner/x.txt',
    's04/y.txt',
    's06/notempty/z.txt',
  ].map((key) => ({ key, body: `content of ${JSON.stringify(key)}` }));
  const markers = ['', 's04/', 's04/inner/', 's05/', 'aw/'].map((key) => ({ key, body: '' }));
  return [...keys, ...markers, { key: 's06/notempty/', body: 'a folder name with content' }];
}

/** Seeds LAYOUT in `bucket`: bulk files into `root/bucket`, the rest through `put`. Returns how many keys there are. */
export async function seedListingLayout(root: string, bucket: string, put: (key: string, body: Buffer) => Promise<void>): Promise<number> {
  const bulk = bulkKeys();
  for (const key of bulk) {
    const path = join(root, bucket, LAYOUT, key);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, `object ${key}\n`);
  }
  const rest = putKeys();
  for (const { key, body } of rest) await put(`${LAYOUT}${key}`, Buffer.from(body));
  return bulk.length + rest.length;
}

/** Seeds `count` objects straight under `prefix` (no sub-prefix): a flat location. */
export function seedFlat(root: string, bucket: string, prefix: string, count: number): void {
  mkdirSync(join(root, bucket, prefix), { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(join(root, bucket, prefix, `f-${String(i).padStart(5, '0')}.dat`), String(i));
}

export interface ListedObject {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: string;
}

/**
 * Every object under `prefix` as one sequential ali-oss listV2 stream gives
 * them (1,000 a page, encoding-type=url, names decoded), in its order.
 */
export async function sequentialListing(client: OSS, prefix: string): Promise<{ objects: ListedObject[]; pages: number }> {
  const objects: ListedObject[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const query = { prefix, 'max-keys': '1000', 'encoding-type': 'url', ...(token ? { 'continuation-token': token } : {}) };
    const page = (await client.listV2(query as OSS.ListV2ObjectsQuery, {})) as OSS.ListV2ObjectResult & { nextContinuationToken?: string };
    pages++;
    for (const o of page.objects ?? []) objects.push({ key: decodeURIComponent(o.name), size: o.size, etag: o.etag.replace(/"/g, ''), lastModified: o.lastModified });
    token = page.isTruncated ? decodeURIComponent(page.nextContinuationToken ?? '') : undefined;
  } while (token);
  return { objects, pages };
}

/** Whether a listed object is a directory marker, which object tables leave out: the prefix itself, or an empty object ending in '/'. */
export function isMarker(prefix: string, o: { key: string; size: number }): boolean {
  return o.key === prefix || (o.key.endsWith('/') && o.size === 0);
}
