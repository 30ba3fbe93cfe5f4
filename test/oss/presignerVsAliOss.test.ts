import OSS from 'ali-oss';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import { parseQuery } from '../../src/oss/signing/QueryParam.js';

/**
 * ossduck's presigned URLs against the official Node SDK, ali-oss, under a
 * fixed clock: same origin, same decoded path, same query parameters.
 */

const AWKWARD = [' ', '+', '%', '~', '!', "'", '(', ')', '*', '#', '?', '&', '//', '\\', '"', '=', ';', ':', '@', ',', '$',
  '中文', '日本語', '한국어', '😀', '🦆', 'é', '\t', '[', ']', '{', '}', '|', '^', '`', '<', '>', '.', '..', '-', '_'];

/** Keys made of awkward pieces and plain text, sometimes over 1,000 bytes. */
const awkwardKey = fc
  .oneof(
    { weight: 8, arbitrary: fc.array(fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ minLength: 1, maxLength: 6 }), fc.constant('/')), { minLength: 1, maxLength: 24 }).map((parts) => parts.join('')) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...AWKWARD), fc.integer({ min: 1001, max: 1400 })).map(([piece, n]) => `long/${'x'.repeat(n)}${piece}`) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }) },
  )
  // ali-oss's V1 signer strips leading slashes and refuses a leading '?'; object
  // tables always sign `<prefix><key>`, so the object never starts with either.
  .map((key) => `dir/${key}`);

const FIXED = Date.UTC(2026, 10, 23, 12, 0, 0);
const TOKEN = 'CAIS+token/with=padding+and/slashes==';

interface Case {
  key: string;
  ttl: number;
  method: 'GET' | 'PUT';
  sts: boolean;
  internal: boolean;
}

const caseArb = fc.record({
  key: awkwardKey,
  ttl: fc.oneof(fc.integer({ min: 1, max: 604800 }), fc.constantFrom(1, 3600, 604800)),
  method: fc.constantFrom('GET' as const, 'PUT' as const),
  sts: fc.boolean(),
  internal: fc.boolean(),
});

function clientFor(c: Case, v4: boolean): OSS {
  return new OSS({
    region: 'oss-cn-hangzhou',
    internal: c.internal,
    accessKeyId: 'LTAI5tExampleKeyId',
    accessKeySecret: 'ExampleSecretDoNotLeak',
    stsToken: c.sts ? TOKEN : undefined,
    // Without a refresh interval ali-oss warns on the console for every STS client.
    refreshSTSTokenInterval: 3_600_000,
    bucket: 'examplebucket',
    secure: true,
    authorizationV4: v4,
  } as OSS.Options);
}

function presignerFor(c: Case, version: 'v1' | 'v4'): Presigner {
  return new Presigner({
    version,
    credentials: new Credentials({
      accessKeyId: 'LTAI5tExampleKeyId',
      accessKeySecret: 'ExampleSecretDoNotLeak',
      securityToken: c.sts ? TOKEN : undefined,
    }),
    method: c.method,
    bucket: 'examplebucket',
    signTime: FIXED / 1000,
    expiresIn: c.ttl,
    region: 'cn-hangzhou',
    product: 'oss',
    address: { scheme: 'https', host: c.internal ? 'oss-cn-hangzhou-internal.aliyuncs.com' : 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' },
  });
}

function sameUrl(ours: string, theirs: string): void {
  const a = new URL(ours);
  const b = new URL(theirs);
  expect(a.origin).toBe(b.origin);
  expect(decodeURIComponent(a.pathname)).toBe(decodeURIComponent(b.pathname));
  const sort = (list: (readonly [string, string | null])[]) => [...list].sort((x, y) => (x[0] < y[0] ? -1 : 1));
  expect(sort(parseQuery(a.search.slice(1)))).toEqual(sort(parseQuery(b.search.slice(1))));
}

describe('Presigner against ali-oss', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXED);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('V4 matches signatureUrlV4 for 2,000 random keys, TTLs, methods and tokens', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const theirs = await clientFor(c, true).signatureUrlV4(c.method, c.ttl, undefined, c.key);
        sameUrl(presignerFor(c, 'v4').url(c.key), theirs);
      }),
      { numRuns: 2000, seed: 20261123 },
    );
  });

  it('V1 matches signatureUrl for 2,000 random keys, TTLs, methods and tokens', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const theirs = clientFor(c, false).signatureUrl(c.key, { expires: c.ttl, method: c.method });
        sameUrl(presignerFor(c, 'v1').url(c.key), theirs);
      }),
      { numRuns: 2000, seed: 20261123 },
    );
  });

  it('V1 keeps a leading slash of the object name, as the v2 SDKs do, where ali-oss strips it', () => {
    const c: Case = { key: '/lead', ttl: 60, method: 'GET', sts: false, internal: false };
    const ours = new URL(presignerFor(c, 'v1').url('/lead'));
    const theirs = new URL(clientFor(c, false).signatureUrl('/lead', { expires: 60 }));
    expect(ours.pathname).toBe('//lead');
    expect(theirs.pathname).toBe('/lead');
  });

  it('V1 truncates a fractional signing instant, as the v2 SDKs do, where ali-oss rounds it', () => {
    vi.setSystemTime(FIXED + 600);
    const c: Case = { key: 'dir/a', ttl: 60, method: 'GET', sts: false, internal: false };
    const theirs = new URL(clientFor(c, false).signatureUrl('dir/a', { expires: 60 }));
    const ours = new URL(presignerFor(c, 'v1').url('dir/a'));
    expect(theirs.searchParams.get('Expires')).toBe(String(FIXED / 1000 + 61));
    expect(ours.searchParams.get('Expires')).toBe(String(FIXED / 1000 + 60));
  });

  it('writes the path with RFC 3986 escapes (as the v2 SDKs), where ali-oss leaves !()* raw', async () => {
    const c: Case = { key: "dir/a!'()*b", ttl: 60, method: 'GET', sts: false, internal: false };
    const theirs = await clientFor(c, true).signatureUrlV4('GET', 60, undefined, c.key);
    const ours = presignerFor(c, 'v4').url(c.key);
    expect(ours.split('?')[0]).toBe('https://examplebucket.oss-cn-hangzhou.aliyuncs.com/dir/a%21%27%28%29%2Ab');
    expect(theirs.split('?')[0]).toBe('https://examplebucket.oss-cn-hangzhou.aliyuncs.com/dir/a!%27()*b');
    sameUrl(ours, theirs);
  });
});

describe('Presigner options against ali-oss', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXED);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const credentials = new Credentials({ accessKeyId: 'LTAI5tExampleKeyId', accessKeySecret: 'ExampleSecretDoNotLeak' });
  const address = { scheme: 'https', host: 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' } as const;
  const base = { credentials, bucket: 'examplebucket', signTime: FIXED / 1000, expiresIn: 900, region: 'cn-hangzhou', product: 'oss', address };
  const extras: [string, string][] = [
    ['response-content-disposition', 'attachment; filename="a b.txt"'],
    ['response-content-type', 'text/plain; charset=utf-8'],
    ['response-cache-control', 'no-cache'],
    ['versionId', 'CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFkODgzZjM5****'],
    ['x-oss-process', 'image/resize,w_100/quality,q_80'],
    ['x-oss-traffic-limit', '819200'],
  ];

  it('V4 signs response overrides, versionId, x-oss-process and traffic limit as query parameters', async () => {
    const client = new OSS({ region: 'oss-cn-hangzhou', accessKeyId: credentials.accessKeyId, accessKeySecret: 'ExampleSecretDoNotLeak', bucket: 'examplebucket', secure: true } as OSS.Options);
    const theirs = await client.signatureUrlV4('GET', 900, { queries: Object.fromEntries(extras) }, 'dir/a.txt');
    sameUrl(new Presigner({ ...base, version: 'v4', method: 'GET', query: extras }).url('dir/a.txt'), theirs);
  });

  it('V1 signs them as sub-resources', () => {
    const client = new OSS({ region: 'oss-cn-hangzhou', accessKeyId: credentials.accessKeyId, accessKeySecret: 'ExampleSecretDoNotLeak', bucket: 'examplebucket', secure: true } as OSS.Options);
    const theirs = client.signatureUrl('dir/a.txt', {
      expires: 900,
      process: 'image/resize,w_100/quality,q_80',
      trafficLimit: 819200,
      response: { 'content-disposition': 'attachment; filename="a b.txt"', 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' },
      subResource: { versionId: 'CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFkODgzZjM5****' },
    } as OSS.SignatureUrlOptions);
    sameUrl(new Presigner({ ...base, version: 'v1', method: 'GET', query: extras }).url('dir/a.txt'), theirs);
  });

  it('V4 and V1 sign upload headers (Content-Type, x-oss-meta-*) for PUT', async () => {
    const headers: [string, string][] = [['Content-Type', 'text/plain'], ['x-oss-meta-owner', 'ossduck']];
    const client = new OSS({ region: 'oss-cn-hangzhou', accessKeyId: credentials.accessKeyId, accessKeySecret: 'ExampleSecretDoNotLeak', bucket: 'examplebucket', secure: true } as OSS.Options);
    const v4 = await client.signatureUrlV4('PUT', 900, { headers: Object.fromEntries(headers) }, 'up/a.txt');
    sameUrl(new Presigner({ ...base, version: 'v4', method: 'PUT', headers }).url('up/a.txt'), v4);
    const v1 = client.signatureUrl('up/a.txt', { expires: 900, method: 'PUT', 'Content-Type': 'text/plain', 'x-oss-meta-owner': 'ossduck' } as OSS.SignatureUrlOptions);
    sameUrl(new Presigner({ ...base, version: 'v1', method: 'PUT', headers }).url('up/a.txt'), v1);
  });

  it('signs a custom domain (CNAME) with the bucket in the signature but not in the URL', async () => {
    const client = new OSS({ endpoint: 'https://static.example.com', cname: true, accessKeyId: credentials.accessKeyId, accessKeySecret: 'ExampleSecretDoNotLeak', bucket: 'examplebucket', region: 'oss-cn-hangzhou', secure: true } as OSS.Options);
    const cname = { scheme: 'https', host: 'static.example.com', style: 'cname' } as const;
    const v4 = await client.signatureUrlV4('GET', 900, undefined, 'a b.txt');
    sameUrl(new Presigner({ ...base, address: cname, version: 'v4', method: 'GET' }).url('a b.txt'), v4);
    expect(new URL(v4).host).toBe('static.example.com');
  });

  it('signs plain http when asked', () => {
    const url = new Presigner({ ...base, address: { ...address, scheme: 'http' }, version: 'v4', method: 'GET' }).url('k');
    expect(url.startsWith('http://examplebucket.oss-cn-hangzhou.aliyuncs.com/k?')).toBe(true);
  });
});
