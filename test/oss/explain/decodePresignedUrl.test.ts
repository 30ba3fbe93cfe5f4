import { readFileSync } from 'node:fs';
import OSS from 'ali-oss';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Credentials } from '../../../src/oss/Credentials.js';
import { decodePresignedUrl } from '../../../src/oss/explain/decodePresignedUrl.js';
import { PresignedUrlError } from '../../../src/oss/explain/PresignedUrlError.js';
import { Presigner } from '../../../src/oss/signing/Presigner.js';
import type { PresignSpec } from '../../../src/oss/signing/Presigner.js';
import type { UrlAddress } from '../../../src/oss/signing/UrlAddress.js';

const FIXED = Date.UTC(2026, 10, 23, 12, 0, 0);
const ID = 'LTAI5tDecodeKey';
const SECRET = 'DecodeSecret-never-shown';
const TOKEN = 'CAIS+token/with=padding+and/slashes==';
const KEY = 'dir/a b+c/中文.txt';

function presigned(version: 'v1' | 'v4', address: UrlAddress, extra: Partial<PresignSpec> = {}): string {
  return new Presigner({
    version,
    credentials: new Credentials({ accessKeyId: ID, accessKeySecret: SECRET, securityToken: extra.credentials ? extra.credentials.securityToken : undefined }),
    method: 'GET',
    bucket: 'examplebucket',
    signTime: FIXED / 1000,
    expiresIn: 900,
    region: 'cn-hangzhou',
    product: 'oss',
    address,
    ...extra,
  } as PresignSpec).url(KEY);
}

const VIRTUAL: UrlAddress = { scheme: 'https', host: 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' };
const PATH: UrlAddress = { scheme: 'http', host: '127.0.0.1:9000', style: 'path' };
const CNAME: UrlAddress = { scheme: 'https', host: 'static.example.com', style: 'cname' };

describe('decodePresignedUrl: Presigner URLs', () => {
  for (const version of ['v1', 'v4'] as const) {
    it(`${version} virtual-hosted: bucket from the host, key decoded, expiry absolute, region`, () => {
      const url = decodePresignedUrl(presigned(version, VIRTUAL));
      expect(url).toMatchObject({
        version,
        scheme: 'https',
        host: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
        style: 'virtual',
        bucket: 'examplebucket',
        bucketFrom: 'host',
        key: KEY,
        accessKeyId: ID,
        expiresAt: FIXED + 900_000,
        hostScope: { region: 'cn-hangzhou', product: 'oss' },
        securityToken: undefined,
        faults: [],
        rawPlus: [],
      });
      if (version === 'v4') {
        expect(url).toMatchObject({ signedAt: FIXED, expiresIn: 900, scope: { date: '20261123', region: 'cn-hangzhou', product: 'oss' } });
        expect(url.signature).toMatch(/^[0-9a-f]{64}$/);
      } else {
        expect(url).toMatchObject({ signedAt: undefined, expiresIn: undefined, expiresText: String(FIXED / 1000 + 900) });
        expect(url.signature).toMatch(/^[A-Za-z0-9+/]{27}=$/);
      }
    });

    it(`${version} path style on an IP: bucket from the path; an STS token kept whole for verifying`, () => {
      const withToken = new Credentials({ accessKeyId: ID, accessKeySecret: SECRET, securityToken: TOKEN });
      const url = decodePresignedUrl(presigned(version, PATH, { credentials: withToken }));
      expect(url).toMatchObject({ style: 'path', host: '127.0.0.1:9000', bucket: 'examplebucket', bucketFrom: 'path', key: KEY, hostScope: undefined });
      expect(url.securityToken).toBe(TOKEN);
    });

    it(`${version} custom domain: no bucket unless given, and then from the option`, () => {
      const text = presigned(version, CNAME);
      expect(decodePresignedUrl(text)).toMatchObject({ style: 'cname', bucket: undefined, bucketFrom: undefined, key: KEY });
      expect(decodePresignedUrl(text, { bucket: 'examplebucket' })).toMatchObject({ style: 'cname', bucket: 'examplebucket', bucketFrom: 'option' });
    });
  }

  it('lists the other parameters with their kind and whether the signature covers them', () => {
    const query: [string, string][] = [
      ['versionId', 'CAEQNhiBgM'],
      ['response-content-disposition', 'attachment; filename="a b.txt"'],
      ['x-oss-process', 'image/resize,w_100'],
      ['x-oss-traffic-limit', '819200'],
      ['acl', ''],
      ['utm_source', 'mail'],
    ];
    const v1 = decodePresignedUrl(presigned('v1', VIRTUAL, { query }));
    expect(v1.parameters.map((p) => [p.name, p.kind, p.signed])).toEqual([
      ['acl', 'sub-resource', true],
      ['response-content-disposition', 'response-override', true],
      ['utm_source', 'other', false],
      ['versionId', 'version-id', true],
      ['x-oss-process', 'process', true],
      ['x-oss-traffic-limit', 'traffic-limit', true],
    ]);
    expect(v1.parameters.find((p) => p.name === 'response-content-disposition')?.value).toBe('attachment; filename="a b.txt"');
    const v4 = decodePresignedUrl(presigned('v4', VIRTUAL, { query }));
    expect(v4.parameters.every((p) => p.signed)).toBe(true);
    expect(v4.parameters.map((p) => p.name)).not.toContain('x-oss-credential');
  });

  it('reads x-oss-additional-headers', () => {
    const url = decodePresignedUrl(presigned('v4', VIRTUAL, { headers: [['Range', 'bytes=0-9'], ['Host', 'examplebucket.oss-cn-hangzhou.aliyuncs.com']], additionalHeaders: ['host', 'range'] }));
    expect(url.additionalHeaders).toEqual(['host', 'range']);
  });
});

describe('decodePresignedUrl: ali-oss URLs', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXED);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function client(options: Partial<OSS.Options>): OSS {
    return new OSS({
      region: 'oss-cn-hangzhou',
      accessKeyId: ID,
      accessKeySecret: SECRET,
      bucket: 'examplebucket',
      secure: true,
      refreshSTSTokenInterval: 3_600_000,
      ...options,
    } as OSS.Options);
  }

  it('signatureUrl (V1) and signatureUrlV4 with an STS token, virtual-hosted', async () => {
    const sts = client({ stsToken: TOKEN });
    const v1 = decodePresignedUrl(sts.signatureUrl(KEY, { expires: 600 }));
    expect(v1).toMatchObject({ version: 'v1', style: 'virtual', bucket: 'examplebucket', key: KEY, accessKeyId: ID, securityToken: TOKEN, expiresAt: FIXED + 600_000 });
    const v4 = decodePresignedUrl(await sts.signatureUrlV4('PUT', 600, undefined, KEY));
    expect(v4).toMatchObject({ version: 'v4', style: 'virtual', bucket: 'examplebucket', key: KEY, securityToken: TOKEN, signedAt: FIXED, expiresIn: 600 });
    expect(v4.scope).toEqual({ date: '20261123', region: 'cn-hangzhou', product: 'oss' });
  });

  it('a custom domain (cname) names no bucket; its token and key still decode', async () => {
    const cname = client({ endpoint: 'https://static.example.com', cname: true, stsToken: TOKEN });
    for (const text of [cname.signatureUrl(KEY, { expires: 60 }), await cname.signatureUrlV4('GET', 60, undefined, KEY)]) {
      expect(decodePresignedUrl(text)).toMatchObject({ style: 'cname', host: 'static.example.com', bucket: undefined, key: KEY, securityToken: TOKEN });
    }
  });

  it('path style on an IP endpoint (V4, sldEnable) and <bucket>.localhost (virtual)', async () => {
    const ip = client({ endpoint: 'http://127.0.0.1:9000', secure: false, sldEnable: true } as Partial<OSS.Options>);
    expect(decodePresignedUrl(await ip.signatureUrlV4('GET', 60, undefined, KEY))).toMatchObject({ style: 'path', bucket: 'examplebucket', key: KEY });
    const local = client({ endpoint: 'http://localhost:9000', secure: false, pathStyle: true } as Partial<OSS.Options>);
    const text = local.signatureUrl(KEY, { expires: 60 });
    expect(new URL(text).host).toBe('examplebucket.localhost:9000');
    expect(decodePresignedUrl(text)).toMatchObject({ style: 'virtual', bucket: 'examplebucket', key: KEY, hostScope: undefined });
  });

  it('a service endpoint host with the bucket in the path is path style with the region of the host', () => {
    const text = presigned('v1', VIRTUAL).replace('https://examplebucket.oss-cn-hangzhou.aliyuncs.com/', 'https://oss-cn-hangzhou.aliyuncs.com/examplebucket/');
    expect(decodePresignedUrl(text)).toMatchObject({ style: 'path', bucket: 'examplebucket', key: KEY, hostScope: { region: 'cn-hangzhou', product: 'oss' } });
  });
});

describe('decodePresignedUrl: what it records and refuses', () => {
  it('records missing and malformed signature parameters as faults', () => {
    const v4 = presigned('v4', VIRTUAL);
    expect(decodePresignedUrl(v4.replace(/&x-oss-date=[^&]*/, '')).faults).toEqual(['x-oss-date is missing or empty']);
    expect(decodePresignedUrl(v4.replace(/x-oss-expires=\d+/, 'x-oss-expires=soon')).faults).toEqual([
      "x-oss-expires 'soon' is not a whole number of seconds",
    ]);
    expect(decodePresignedUrl(v4.replace('x-oss-date=20261123', 'x-oss-date=20261124')).faults).toEqual([
      'the date in x-oss-credential (20261123) is not the date of x-oss-date (20261124T120000Z)',
    ]);
    expect(decodePresignedUrl(v4.replace('OSS4-HMAC-SHA256', 'OSS2')).faults[0]).toMatch(/signature V2/);
    const v1 = presigned('v1', VIRTUAL);
    expect(decodePresignedUrl(v1.replace(/&Signature=[^&]*/, '')).faults).toEqual(['Signature is missing or empty']);
    expect(decodePresignedUrl(v1.replace(/Expires=\d+/, 'Expires=tomorrow')).faults).toEqual(["Expires 'tomorrow' is not a number of seconds since 1970"]);
  });

  it("names '&amp;' left from HTML or XML before the parameters it hides", () => {
    const url = decodePresignedUrl(presigned('v4', VIRTUAL).replaceAll('&', '&amp;'));
    expect(url.faults[0]).toBe("the query holds '&amp;': the URL was copied from HTML or XML; replace each &amp; with &");
    expect(url.faults).toContain('x-oss-date is missing or empty');
  });

  it("names the parameters whose raw value holds a '+'", () => {
    const text = presigned('v1', VIRTUAL, { credentials: new Credentials({ accessKeyId: ID, accessKeySecret: SECRET, securityToken: TOKEN }) });
    expect(decodePresignedUrl(text.replaceAll('%2B', '+')).rawPlus).toContain('security-token');
    expect(decodePresignedUrl(text).rawPlus).toEqual([]);
  });

  const BAD: [string, RegExp][] = [
    ['examplebucket.oss-cn-hangzhou.aliyuncs.com/a.txt', /is not a URL/],
    ['not a url at all', /is not a URL/],
    ['oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/a.txt', /oss:\/\/ location is not a presigned URL/],
    ['ftp://examplebucket.oss-cn-hangzhou.aliyuncs.com/a.txt?Signature=x', /http:\/\/ or https:\/\/, not ftp/],
    ['https://examplebucket.oss-cn-hangzhou.aliyuncs.com/a.txt', /not presigned/],
    ['https://examplebucket.oss-cn-hangzhou.aliyuncs.com/a.txt?versionId=1', /not presigned/],
    ['https://user:pw@examplebucket.oss-cn-hangzhou.aliyuncs.com/a.txt?Signature=x', /no user name or password/],
    ['https://bad_host!/a.txt?Signature=x', /is not a host/],
    ['https://examplebucket.oss-cn-hangzhou.aliyuncs.com/%E4%ZZ?Signature=x', /not valid percent-encoded UTF-8/],
    ['https://examplebucket.oss-cn-hangzhou.aliyuncs.com/a?Signature=x&x-oss-signature=y', /both a V1/],
  ];
  for (const [text, message] of BAD) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      expect(() => decodePresignedUrl(text)).toThrow(PresignedUrlError);
      expect(() => decodePresignedUrl(text)).toThrow(message);
    });
  }

  it('refuses a --bucket the URL contradicts, and takes one that agrees', () => {
    const text = presigned('v4', VIRTUAL);
    expect(() => decodePresignedUrl(text, { bucket: 'otherbucket' })).toThrow(/--bucket otherbucket contradicts the URL, which names bucket examplebucket/);
    expect(decodePresignedUrl(text, { bucket: 'examplebucket' }).bucketFrom).toBe('host');
  });

  it('never quotes more than 60 characters of text it cannot read', () => {
    const long = `x${'y'.repeat(500)}`;
    expect(() => decodePresignedUrl(long)).toThrow(/'xy{56}\.\.\.' is not a URL/);
  });
});

describe('decodePresignedUrl: every code point of a key', () => {
  const AWKWARD = (JSON.parse(readFileSync(new URL('../../fixtures/awkward-keys.json', import.meta.url), 'utf8')) as { key: string }[]).map((k) => k.key);

  for (const version of ['v1', 'v4'] as const) {
    it(`${version}: reads back each awkward key exactly (no BOM dropped, no normalization, no trimming, no dot segments resolved)`, () => {
      for (const key of AWKWARD) {
        const text = new Presigner({
          version,
          credentials: new Credentials({ accessKeyId: ID, accessKeySecret: SECRET }),
          method: 'GET',
          bucket: 'examplebucket',
          signTime: FIXED / 1000,
          expiresIn: 900,
          region: 'cn-hangzhou',
          product: 'oss',
          address: PATH,
        }).url(`dir/${key}`);
        const url = decodePresignedUrl(`  ${text}\n`);
        expect(url.key, JSON.stringify(key)).toBe(`dir/${key}`);
        expect(url.faults).toEqual([]);
      }
    });
  }

  it('names characters a URL cannot carry raw, invisible ones included, by code point and position', () => {
    const text = presigned('v4', PATH);
    const withRaw = text.replace('/examplebucket/', '/examplebucket/\u200b\u3000');
    expect(decodePresignedUrl(withRaw).faults).toEqual([
      'the URL holds characters that must be percent-encoded: U+200B at character 37, U+3000 at character 38 (sent raw, they are not the request that was signed; the local OSS answers 400 Bad Request)',
    ]);
    expect(() => decodePresignedUrl(`\ufeff${text}`)).toThrow(/is not a URL: expected .* \(the URL holds characters that must be percent-encoded: U\+FEFF at character 1\)$/);
  });
});
