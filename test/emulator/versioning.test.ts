import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OSS from 'ali-oss';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueryParam } from '../../src/oss/signing/QueryParam.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';
import { getUrl, signedRequest, xmlField, emulatorPresigner } from './httpClient.js';

/**
 * Bucket versioning: PutBucketVersioning/GetBucketVersioning with ali-oss, a
 * version id on every PUT while it is on, and GET/HEAD of one version
 * returning that version's bytes, not the latest.
 */

let env: Running;

/** ali-oss's bucket versioning calls, which @types/ali-oss leaves out. */
interface VersioningClient {
  putBucketVersioning(name: string, status: 'Enabled' | 'Suspended'): Promise<unknown>;
  getBucketVersioning(name: string): Promise<{ versionStatus?: string }>;
}

function client(): OSS & VersioningClient {
  return new OSS({
    region: 'oss-cn-hangzhou',
    endpoint: `http://127.0.0.1:${env.emulator.port}`,
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    bucket: 'bkt',
    authorizationV4: true,
  } as OSS.Options) as OSS & VersioningClient;
}

function url(method: string, key: string, query: readonly QueryParam[] = [], version: 'v1' | 'v4' = 'v4'): string {
  return emulatorPresigner(env, { version, method, query }).url(key);
}

async function put(key: string, content: string): Promise<string | undefined> {
  const res = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key, body: Buffer.from(content) });
  expect(res.status).toBe(200);
  return res.headers['x-oss-version-id'] as string | undefined;
}

describe('OssEmulator versioning', () => {
  beforeEach(async () => {
    env = await startEmulator({ buckets: ['bkt'] });
  });
  afterEach(async () => {
    await env.close();
  });

  it('is off until enabled, then Enabled or Suspended, as ali-oss reads it', async () => {
    expect((await client().getBucketVersioning('bkt')).versionStatus).toBeUndefined();
    await client().putBucketVersioning('bkt', 'Enabled');
    expect((await client().getBucketVersioning('bkt')).versionStatus).toBe('Enabled');
    await client().putBucketVersioning('bkt', 'Suspended');
    expect((await client().getBucketVersioning('bkt')).versionStatus).toBe('Suspended');
  });

  it('gives every PUT a version id, and GET and HEAD by version id return that version, V4 and V1', async () => {
    expect(await put('doc.txt', 'before versioning')).toBeUndefined();
    await client().putBucketVersioning('bkt', 'Enabled');
    const v1 = await put('doc.txt', 'first version');
    const v2 = await put('doc.txt', 'second, longer version');
    expect(v1).toMatch(/^CAEQ[A-Za-z0-9_-]{40}$/);
    expect(v2).not.toBe(v1);
    for (const version of ['v4', 'v1'] as const) {
      const latest = await getUrl(url('GET', 'doc.txt', [], version));
      expect(latest.text).toBe('second, longer version');
      expect(latest.headers['x-oss-version-id']).toBe(v2);
      const first = await getUrl(url('GET', 'doc.txt', [['versionId', v1!]], version));
      expect(first.status).toBe(200);
      expect(first.text).toBe('first version');
      expect(first.headers['x-oss-version-id']).toBe(v1);
      const original = await getUrl(url('GET', 'doc.txt', [['versionId', 'null']], version));
      expect(original.text).toBe('before versioning');
      const head = await getUrl(url('HEAD', 'doc.txt', [['versionId', v1!]], version), 'HEAD');
      expect(head.status).toBe(200);
      expect(head.headers['content-length']).toBe(String('first version'.length));
    }
    const ranged = await getUrl(url('GET', 'doc.txt', [['versionId', v1!]]), 'GET', undefined, [['Range', 'bytes=0-4']]);
    expect(ranged.status).toBe(206);
    expect(ranged.text).toBe('first');
  });

  it('keeps a file copied in by hand as the null version when versioning replaces it', async () => {
    mkdirSync(join(env.root, 'bkt', 'seeded'), { recursive: true });
    writeFileSync(join(env.root, 'bkt', 'seeded', 'by-hand.txt'), 'copied in');
    await client().putBucketVersioning('bkt', 'Enabled');
    const v1 = await put('seeded/by-hand.txt', 'uploaded over it');
    expect((await getUrl(url('GET', 'seeded/by-hand.txt', [['versionId', 'null']]))).text).toBe('copied in');
    expect((await getUrl(url('GET', 'seeded/by-hand.txt'))).headers['x-oss-version-id']).toBe(v1);
  });

  it('reads versions through ali-oss get with versionId', async () => {
    await client().putBucketVersioning('bkt', 'Enabled');
    const first = await client().put('k.txt', Buffer.from('one'));
    await client().put('k.txt', Buffer.from('two'));
    const versionId = (first.res.headers as Record<string, string>)['x-oss-version-id']!;
    const got = await client().get('k.txt', { versionId } as OSS.GetObjectOptions);
    expect(String(got.content)).toBe('one');
  });

  it('answers NoSuchVersion for an unknown version, and keeps versions after the object is deleted', async () => {
    await client().putBucketVersioning('bkt', 'Enabled');
    const v1 = await put('gone.txt', 'kept');
    const missing = await getUrl(url('GET', 'gone.txt', [['versionId', 'CAEQnotaversion']]));
    expect(missing.status).toBe(404);
    expect(xmlField(missing.text, 'Code')).toBe('NoSuchVersion');
    expect(xmlField(missing.text, 'VersionId')).toBe('CAEQnotaversion');
    expect((await signedRequest(env, { method: 'DELETE', bucket: 'bkt', key: 'gone.txt' })).status).toBe(204);
    expect((await getUrl(url('GET', 'gone.txt'))).status).toBe(404);
    expect((await getUrl(url('GET', 'gone.txt', [['versionId', v1!]]))).text).toBe('kept');
  });

  it('writes the null version while suspended, replacing the previous null version', async () => {
    await client().putBucketVersioning('bkt', 'Enabled');
    const v1 = await put('s.txt', 'versioned');
    await client().putBucketVersioning('bkt', 'Suspended');
    expect(await put('s.txt', 'null one')).toBe('null');
    expect(await put('s.txt', 'null two')).toBe('null');
    expect((await getUrl(url('GET', 's.txt', [['versionId', 'null']]))).text).toBe('null two');
    expect((await getUrl(url('GET', 's.txt', [['versionId', v1!]]))).text).toBe('versioned');
  });

  it('keeps versions under the hidden .ossduck folder, never in the bucket', async () => {
    await client().putBucketVersioning('bkt', 'Enabled');
    await put('a/b.txt', 'one');
    await put('a/b.txt', 'two');
    expect(readdirSync(join(env.root, 'bkt', 'a'))).toEqual(['b.txt']);
    expect(existsSync(join(env.root, '.ossduck', 'versions', 'bkt'))).toBe(true);
    expect((await client().list({ prefix: 'a/' } as OSS.ListObjectsQuery, {})).objects?.map((o) => o.name)).toEqual(['a/b.txt']);
  });

  it('refuses a malformed configuration and versionId on other methods', async () => {
    const bad = await signedRequest(env, { method: 'PUT', bucket: 'bkt', query: [['versioning', null]], body: Buffer.from('<VersioningConfiguration><Status>On</Status></VersioningConfiguration>') });
    expect(bad.status).toBe(400);
    expect(xmlField(bad.text, 'Code')).toBe('MalformedXML');
    const del = await signedRequest(env, { method: 'DELETE', bucket: 'bkt', key: 'x', query: [['versionId', 'v']] });
    expect(del.status).toBe(501);
    expect(xmlField(del.text, 'Code')).toBe('NotImplemented');
  });
});
