import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFiles, startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';
import { rawRequest, signedRequest, xmlField } from './httpClient.js';

/**
 * Keys are opaque names. Whatever a key holds (`..`, `%2e%2e`, backslashes,
 * a leading slash, control characters), it is stored and read inside the
 * bucket folder, and nothing outside the root is created or read.
 */

let env: Running;

const KEYS = [
  '../../../../etc/hostname',
  '%2e%2e/x',
  '%2E%2E/upper',
  'a/../../b',
  '\\..\\x',
  '/lead',
  '//double/lead',
  'ctl/\u0001\u001f\u007f\ttab\nnewline\rcr',
  './dot',
  'dir/',
  'dir/./x',
  '..',
  '.',
  '%self',
  `long/${'y'.repeat(700)}/end`,
];


beforeAll(async () => {
  env = await startEmulator({ buckets: ['bkt'] });
});

afterAll(async () => {
  await env.close();
});

describe('OssEmulator key containment', () => {
  it('stores and reads every awkward key inside the bucket folder', async () => {
    env.now = Date.now();
    for (const [i, key] of KEYS.entries()) {
      const put = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key, body: Buffer.from(`content ${i}`) });
      expect(put.status, `PUT ${JSON.stringify(key)}: ${put.text}`).toBe(200);
    }
    for (const [i, key] of KEYS.entries()) {
      const get = await signedRequest(env, { method: 'GET', bucket: 'bkt', key });
      expect(get.status, `GET ${JSON.stringify(key)}`).toBe(200);
      expect(get.text).toBe(`content ${i}`);
    }
    // Nothing but the root in the sandbox, and every file under root/bkt or the hidden system folder.
    expect(await readdir(env.sandbox)).toEqual(['root']);
    const files = (await allFiles(env.root)).map((f) => relative(env.root, f));
    for (const file of files) expect(file.startsWith('bkt/') || file.startsWith('.ossduck/')).toBe(true);
    const objectFiles = files.filter((f) => f.startsWith('bkt/'));
    expect(objectFiles.length).toBe(KEYS.length);
    for (const file of objectFiles) {
      for (const part of file.split('/')) {
        expect(part === '.' || part === '..' || part === '').toBe(false);
        expect(part).not.toMatch(/[\\\u0000-\u001f\u007f]/);
      }
    }
    expect(objectFiles).toContain('bkt/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/hostname');
    expect(objectFiles).toContain('bkt/%empty/lead');
    expect(objectFiles).toContain('bkt/dir/%empty');
  });

  it('lists the awkward keys back exactly, in byte order', async () => {
    const res = await signedRequest(env, { method: 'GET', bucket: 'bkt', query: [['list-type', '2'], ['encoding-type', 'url'], ['max-keys', '1000']] });
    expect(res.status).toBe(200);
    const keys = [...res.text.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => decodeURIComponent(m[1]!));
    expect(keys).toEqual([...KEYS].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  });

  it('reads a key the raw path spells with dot segments, not the file they would resolve to', async () => {
    // The raw request line, exactly as a hostile client would send it.
    const res = await signedRequest(env, { method: 'GET', bucket: 'bkt', key: '../../../../etc/passwd' });
    expect(res.status).toBe(404);
    expect(xmlField(res.text, 'Code')).toBe('NoSuchKey');
    expect(xmlField(res.text, 'Key')).toBe('../../../../etc/passwd');
    // A bucket name cannot climb either.
    const bucket = await rawRequest(env.emulator.port, 'GET', '/../etc/hostname');
    expect(bucket.status).toBe(400);
    expect(xmlField(bucket.text, 'Code')).toBe('InvalidBucketName');
  });

  it('serves files copied into the bucket folder, and does not follow symbolic links out of the root', async () => {
    await mkdir(join(env.root, 'bkt', 'object_table_folder'), { recursive: true });
    await writeFile(join(env.root, 'bkt', 'object_table_folder', 'signedget.txt'), 'seeded by hand\n');
    await writeFile(join(env.sandbox, 'outside.txt'), 'secret outside the root');
    await symlink(join(env.sandbox, 'outside.txt'), join(env.root, 'bkt', 'object_table_folder', 'link.txt'));
    await symlink(env.sandbox, join(env.root, 'bkt', 'linkdir'));

    const seeded = await signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'object_table_folder/signedget.txt' });
    expect(seeded.status).toBe(200);
    expect(seeded.text).toBe('seeded by hand\n');
    expect(seeded.headers['etag']).toBe(`"${createHash('md5').update('seeded by hand\n').digest('hex').toUpperCase()}"`);
    expect(seeded.headers['content-type']).toBe('text/plain');

    for (const key of ['object_table_folder/link.txt', 'linkdir/outside.txt']) {
      const res = await signedRequest(env, { method: 'GET', bucket: 'bkt', key });
      expect(res.status, key).toBe(404);
    }
    const list = await signedRequest(env, { method: 'GET', bucket: 'bkt', query: [['prefix', 'object_table_folder/']] });
    expect([...list.text.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1])).toEqual(['object_table_folder/signedget.txt']);
    // Overwriting through the emulator never writes through a link.
    const put = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'linkdir/outside.txt', body: Buffer.from('x') });
    expect(put.status).toBe(409);
    expect(xmlField(put.text, 'Code')).toBe('ObjectPathBlocked');
    expect(await readFile(join(env.sandbox, 'outside.txt'), 'utf8')).toBe('secret outside the root');
  });
});
