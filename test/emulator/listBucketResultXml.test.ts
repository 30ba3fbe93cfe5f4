import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';
import { signedRequest } from './httpClient.js';

/**
 * ListObjects and ListObjectsV2 bodies byte for byte: element order, empty
 * elements, quoted upper-case ETags, `.000Z` times, Type/StorageClass, Owner
 * (always in V1, only with fetch-owner in V2), KeyCount last.
 */

let env: Running;
const T = Date.UTC(2024, 4, 1, 12, 34, 56, 789);

beforeAll(async () => {
  env = await startEmulator({ buckets: ['golden'], now: T });
  for (const [key, body] of [['a.txt', 'a'], ['dir/b.txt', 'bb'], ['dir/c.txt', 'ccc'], ['z z+1.txt', '']] as const) {
    expect((await signedRequest(env, { method: 'PUT', bucket: 'golden', key, body: Buffer.from(body) })).status).toBe(200);
  }
});

afterAll(async () => {
  await env.close();
});

const OWNER = `    <Owner>
      <ID>1234567890123456</ID>
      <DisplayName>1234567890123456</DisplayName>
    </Owner>
`;

function contents(key: string, etag: string, size: number, owner: boolean): string {
  return `  <Contents>
    <Key>${key}</Key>
    <LastModified>2024-05-01T12:34:56.000Z</LastModified>
    <ETag>"${etag}"</ETag>
    <Type>Normal</Type>
    <Size>${size}</Size>
    <StorageClass>Standard</StorageClass>
${owner ? OWNER : ''}  </Contents>
`;
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex').toUpperCase();
}

const A = '0CC175B9C0F1B6A831C399E269772661';
const Z = 'D41D8CD98F00B204E9800998ECF8427E';

describe('ListBucketResult XML', () => {
  it('ListObjectsV2, first page: delimiter, fetch-owner, truncated', async () => {
    const res = await signedRequest(env, {
      method: 'GET',
      bucket: 'golden',
      query: [['list-type', '2'], ['delimiter', '/'], ['max-keys', '2'], ['fetch-owner', 'true']],
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml');
    expect(res.text).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult>
  <Name>golden</Name>
  <Prefix></Prefix>
  <MaxKeys>2</MaxKeys>
  <Delimiter>/</Delimiter>
  <IsTruncated>true</IsTruncated>
  <NextContinuationToken>ZGlyLw</NextContinuationToken>
${contents('a.txt', A, 1, true)}  <CommonPrefixes>
    <Prefix>dir/</Prefix>
  </CommonPrefixes>
  <KeyCount>2</KeyCount>
</ListBucketResult>
`,
    );
  });

  it('ListObjectsV2, next page: continuation token echoed, start-after, no Owner without fetch-owner', async () => {
    const res = await signedRequest(env, {
      method: 'GET',
      bucket: 'golden',
      query: [['list-type', '2'], ['delimiter', '/'], ['max-keys', '2'], ['continuation-token', 'ZGlyLw'], ['start-after', 'a.txt']],
    });
    expect(res.text).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult>
  <Name>golden</Name>
  <Prefix></Prefix>
  <StartAfter>a.txt</StartAfter>
  <ContinuationToken>ZGlyLw</ContinuationToken>
  <MaxKeys>2</MaxKeys>
  <Delimiter>/</Delimiter>
  <IsTruncated>false</IsTruncated>
${contents('z z+1.txt', Z, 0, false)}  <KeyCount>1</KeyCount>
</ListBucketResult>
`,
    );
  });

  it('ListObjectsV2 with encoding-type=url encodes names', async () => {
    const res = await signedRequest(env, {
      method: 'GET',
      bucket: 'golden',
      query: [['list-type', '2'], ['prefix', 'z z'], ['encoding-type', 'url']],
    });
    expect(res.text).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult>
  <Name>golden</Name>
  <Prefix>z%20z</Prefix>
  <MaxKeys>100</MaxKeys>
  <EncodingType>url</EncodingType>
  <IsTruncated>false</IsTruncated>
${contents('z%20z%2B1.txt', Z, 0, false)}  <KeyCount>1</KeyCount>
</ListBucketResult>
`,
    );
  });

  it('ListObjects (V1): Marker, Delimiter always present, NextMarker when truncated, Owner always', async () => {
    const res = await signedRequest(env, {
      method: 'GET',
      bucket: 'golden',
      query: [['prefix', 'dir/'], ['max-keys', '1']],
    });
    expect(res.text).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult>
  <Name>golden</Name>
  <Prefix>dir/</Prefix>
  <Marker></Marker>
  <MaxKeys>1</MaxKeys>
  <Delimiter></Delimiter>
  <IsTruncated>true</IsTruncated>
  <NextMarker>dir/b.txt</NextMarker>
${contents('dir/b.txt', md5('bb'), 2, true)}</ListBucketResult>
`,
    );
    const next = await signedRequest(env, { method: 'GET', bucket: 'golden', query: [['prefix', 'dir/'], ['marker', 'dir/b.txt']] });
    expect(next.text).toContain('<Marker>dir/b.txt</Marker>');
    expect(next.text).toContain('<IsTruncated>false</IsTruncated>');
    expect(next.text).not.toContain('<NextMarker>');
    expect([...next.text.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1])).toEqual(['dir/c.txt']);
  });

  it('refuses listing parameters OSS refuses', async () => {
    for (const query of [[['max-keys', '0']], [['max-keys', '1001']], [['max-keys', 'ten']], [['encoding-type', 'base64']], [['list-type', '2'], ['continuation-token', '!!']], [['list-type', '2'], ['fetch-owner', 'yes']]] as [string, string][][]) {
      const res = await signedRequest(env, { method: 'GET', bucket: 'golden', query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.text).toContain('<Code>InvalidArgument</Code>');
    }
  });
});
