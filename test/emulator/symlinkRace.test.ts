import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';
import { signedRequest } from './httpClient.js';

/**
 * The storage root under attack by a local user who can rename inside it: a
 * folder and a symbolic link to a folder outside the root trade places
 * thousands of times a second (renameat2 RENAME_EXCHANGE), while signed GETs,
 * PUTs, DELETEs and listings go through the swapped folder. Not one read may
 * return, list or hash a file outside the root, and not one write or delete
 * may land there.
 */

const EXCHANGER = fileURLToPath(new URL('../support/renameExchange.py', import.meta.url));
const RACE_SECONDS = 2.5;
const OUTSIDE_FILES: Record<string, string> = {
  'f.txt': 'OUTSIDE the root: must never be served',
  'secret.txt': 'OUTSIDE secret: must never be listed',
  'victim.txt': 'OUTSIDE victim: must never be deleted',
};

let env: Running;
let outside: string;
let outsideSystem: string;

/** Runs the exchanger over `pairs` for RACE_SECONDS; resolves with the number of swaps. */
function exchange(pairs: readonly (readonly [string, string])[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [EXCHANGER, String(RACE_SECONDS), ...pairs.flat()], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`exchanger exited ${code}: ${err}`))));
  });
}

async function seedOutside(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(OUTSIDE_FILES)) await writeFile(join(dir, name), text);
}

async function expectUntouched(dir: string): Promise<void> {
  expect((await readdir(dir)).sort()).toEqual(Object.keys(OUTSIDE_FILES).sort());
  for (const [name, text] of Object.entries(OUTSIDE_FILES)) expect(await readFile(join(dir, name), 'utf8')).toBe(text);
}

beforeAll(async () => {
  env = await startEmulator({ buckets: ['bkt'] });
  env.now = Date.now();
  outside = join(env.sandbox, 'outside');
  outsideSystem = join(env.sandbox, 'outside-system');
  await seedOutside(outside);
  await seedOutside(outsideSystem);
  for (const key of ['d/f.txt', 'd/victim.txt', 'd/keep.txt']) {
    const put = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key, body: Buffer.from(`inside ${key}`) });
    expect(put.status, put.text).toBe(200);
  }
  await signedRequest(env, { method: 'DELETE', bucket: 'bkt', key: 'd/victim.txt' });
  await symlink(outside, join(env.root, 'bkt', 'l'));
  await symlink(outsideSystem, join(env.root, '.ossduck', 'tmp-link'));
  await symlink(outsideSystem, join(env.root, '.ossduck', 'meta', 'bkt-link'));
});

afterAll(async () => {
  await env.close();
});

describe('OssEmulator under a rename-exchange race', () => {
  it('reads, lists, writes and deletes nothing outside the root while folders and links trade places', async () => {
    const bucketDir = join(env.root, 'bkt');
    const system = join(env.root, '.ossduck');
    const race = exchange([
      [join(bucketDir, 'd'), join(bucketDir, 'l')],
      [join(system, 'tmp'), join(system, 'tmp-link')],
      [join(system, 'meta', 'bkt'), join(system, 'meta', 'bkt-link')],
    ]);
    let running = true;
    void race.finally(() => (running = false));
    const tally = { gets: 0, insideReads: 0, outsideReads: 0, puts: 0, stored: 0, lists: 0, outsideNames: 0 };
    const client = async (lane: number): Promise<void> => {
      for (let i = 0; running; i++) {
        const get = await signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'd/f.txt' });
        tally.gets++;
        if (get.text === 'inside d/f.txt') tally.insideReads++;
        if (get.text.includes('OUTSIDE')) tally.outsideReads++;
        const put = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: `d/new-${lane}-${i}.txt`, body: Buffer.from('written by the race') });
        tally.puts++;
        if (put.status === 200) tally.stored++;
        await signedRequest(env, { method: 'DELETE', bucket: 'bkt', key: 'd/victim.txt' });
        await signedRequest(env, { method: 'DELETE', bucket: 'bkt', key: 'd/secret.txt' });
        const list = await signedRequest(env, { method: 'GET', bucket: 'bkt', query: [['prefix', 'd/'], ['max-keys', '1000']] });
        tally.lists++;
        if (/secret\.txt|victim\.txt/.test(list.text) || list.text.includes('OUTSIDE')) tally.outsideNames++;
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5].map(client));
    const swaps = await race;
    // The race was live: many swaps, and requests got through between them.
    expect(swaps).toBeGreaterThan(1000);
    expect(tally.gets).toBeGreaterThan(20);
    expect(tally.insideReads).toBeGreaterThan(0);
    expect(tally.stored).toBeGreaterThan(0);
    // Nothing outside was read, listed, written or deleted.
    expect(tally.outsideReads).toBe(0);
    expect(tally.outsideNames).toBe(0);
    await expectUntouched(outside);
    await expectUntouched(outsideSystem);
    // And the root still works once the swapping stops.
    const after = await signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'd/keep.txt' });
    expect([after.status, after.text]).toEqual([200, 'inside d/keep.txt']);
  }, 30_000);

  it('serves no symbolic link, even one that stays inside the root: not as a file, not as a folder', async () => {
    const bucketDir = join(env.root, 'bkt');
    await symlink(join(bucketDir, 'd', 'keep.txt'), join(bucketDir, 'alias.txt'));
    await symlink(join(bucketDir, 'd'), join(bucketDir, 'aliasdir'));
    for (const key of ['alias.txt', 'aliasdir/keep.txt']) {
      const get = await signedRequest(env, { method: 'GET', bucket: 'bkt', key });
      expect(get.status, key).toBe(404);
    }
    const put = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'aliasdir/new.txt', body: Buffer.from('x') });
    expect(put.status).toBe(409);
    const list = await signedRequest(env, { method: 'GET', bucket: 'bkt', query: [['prefix', 'alias']] });
    expect(list.text).not.toContain('<Key>');
    expect(env.logs.some((line) => line.includes('alias.txt: symbolic links are not followed'))).toBe(true);
  });
});
