import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { encodePath, percentEncode } from '../../src/oss/signing/percentEncode.js';
import { formatQuery, parseQuery } from '../../src/oss/signing/QueryParam.js';
import { canonicalizedOssHeaders, canonicalizedResource, stringToSignV1 } from '../../src/oss/signing/SignatureV1.js';
import {
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
  credentialScope,
  deriveSigningKey,
  effectiveAdditionalHeaders,
  formatIsoDateTime,
  stringToSignV4,
} from '../../src/oss/signing/SignatureV4.js';
import { SigningKeyCache } from '../../src/oss/signing/SigningKeyCache.js';
import { objectUrl } from '../../src/oss/signing/UrlAddress.js';

describe('percentEncode', () => {
  it('escapes everything but RFC 3986 unreserved characters, in upper-case hex', () => {
    expect(percentEncode("a b+c/d~e_f-g.h!'()*%#?&=中😀")).toBe(
      'a%20b%2Bc%2Fd~e_f-g.h%21%27%28%29%2A%25%23%3F%26%3D%E4%B8%AD%F0%9F%98%80',
    );
  });

  it('keeps slashes in paths', () => {
    expect(encodePath('dir//a b/c')).toBe('dir//a%20b/c');
  });

  it('refuses an unpaired surrogate with a clear error', () => {
    expect(() => percentEncode('\ud800')).toThrow(/unpaired UTF-16 surrogate/);
  });
});

describe('canonicalUri', () => {
  it('is /bucket/key with the key encoded and slashes kept', () => {
    expect(canonicalUri('bucket', '1234+-/123/1.txt')).toBe('/bucket/1234%2B-/123/1.txt');
    expect(canonicalUri('bucket', undefined)).toBe('/bucket/');
    expect(canonicalUri(undefined, undefined)).toBe('/');
  });
});

describe('canonicalQuery', () => {
  it('sorts by encoded name and writes a bare name for empty values', () => {
    expect(
      canonicalQuery([
        ['param1', 'value1'],
        ['+param1', 'value3'],
        ['|param1', 'value4'],
        ['+param2', ''],
        ['|param2', null],
        ['param2', ''],
      ]),
    ).toBe('%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2');
  });
});

describe('canonicalHeaders and additional headers', () => {
  const headers: [string, string][] = [
    ['x-oss-head1', ' value '],
    ['abc', 'value'],
    ['ZAbc', 'value'],
    ['XYZ', 'value'],
    ['content-type', 'text/plain'],
  ];

  it('signs content-type, content-md5 and x-oss-* by default, trimmed and sorted', () => {
    expect(canonicalHeaders(headers, [])).toBe('content-type:text/plain\nx-oss-head1:value\n');
  });

  it('adds requested headers that the request carries, lower-cased and sorted', () => {
    const additional = effectiveAdditionalHeaders(headers, ['x-oss-no-exist', 'ZAbc', 'x-oss-head1', 'abc', 'missing']);
    expect(additional).toEqual(['abc', 'zabc']);
    expect(canonicalHeaders(headers, additional)).toBe('abc:value\ncontent-type:text/plain\nx-oss-head1:value\nzabc:value\n');
  });

  it('joins the values of a repeated header with commas', () => {
    expect(canonicalHeaders([['x-oss-meta-a', '1'], ['X-OSS-META-A', '2']], [])).toBe('x-oss-meta-a:1,2\n');
  });
});

describe('string to sign and signing key (V4)', () => {
  it('formats the timestamp and scope', () => {
    expect(formatIsoDateTime(1702781677)).toBe('20231217T025437Z');
    expect(credentialScope('20231217', 'cn-hangzhou', 'oss')).toBe('20231217/cn-hangzhou/oss/aliyun_v4_request');
  });

  it('hashes the canonical request into the string to sign', () => {
    expect(stringToSignV4('20231217T025437Z', 'scope', 'abc')).toBe(
      'OSS4-HMAC-SHA256\n20231217T025437Z\nscope\nba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('derives the key by chaining HMAC-SHA256 over date, region, product and request', () => {
    let k: Buffer = createHmac('sha256', 'aliyun_v4sk').update('20231217').digest();
    for (const part of ['cn-hangzhou', 'oss', 'aliyun_v4_request']) k = createHmac('sha256', k).update(part).digest();
    expect(deriveSigningKey('sk', '20231217', 'cn-hangzhou', 'oss').equals(k)).toBe(true);
  });
});

describe('SigningKeyCache', () => {
  it('derives each scope once per credential and keeps at most the bound', () => {
    const cache = new SigningKeyCache(3);
    const c = new Credentials({ accessKeyId: 'id', accessKeySecret: 'sk' });
    const first = cache.get(c, '20231217', 'cn-hangzhou', 'oss');
    expect(cache.get(c, '20231217', 'cn-hangzhou', 'oss')).toBe(first);
    for (const day of ['18', '19', '20', '21']) cache.get(c, `202312${day}`, 'cn-hangzhou', 'oss');
    expect(cache.size(c)).toBe(3);
    expect(cache.get(c, '20231217', 'cn-hangzhou', 'oss')).not.toBe(first);
  });

  it('keeps credentials apart even with the same key id', () => {
    const cache = new SigningKeyCache();
    const a = cache.get(new Credentials({ accessKeyId: 'id', accessKeySecret: 'one' }), 'd', 'r', 'oss');
    const b = cache.get(new Credentials({ accessKeyId: 'id', accessKeySecret: 'two' }), 'd', 'r', 'oss');
    expect(a.export().equals(b.export())).toBe(false);
  });
});

describe('V1 steps', () => {
  it('canonicalizes x-oss-* headers only', () => {
    expect(canonicalizedOssHeaders([['X-OSS-Meta-B', ' 2 '], ['x-oss-meta-a', '1'], ['Content-Type', 'x']])).toBe(
      'x-oss-meta-a:1\nx-oss-meta-b:2\n',
    );
  });

  it('signs sub-resources with decoded values and skips other parameters', () => {
    expect(
      canonicalizedResource('bucket', 'key+123', [
        ['versionId', 'v1'],
        ['param1', 'x'],
        ['response-content-disposition', 'attachment; filename=a.txt'],
        ['acl', null],
        ['x-oss-process', 'image/resize,w_100'],
      ]),
    ).toBe('/bucket/key+123?acl&response-content-disposition=attachment; filename=a.txt&versionId=v1&x-oss-process=image/resize,w_100');
  });

  it('builds the string to sign from method, MD5, type, date, headers and resource', () => {
    expect(stringToSignV1('get', [['Content-Type', 'text/plain'], ['x-oss-a', 'b']], '1700000000', '/b/k')).toBe(
      'GET\n\ntext/plain\n1700000000\nx-oss-a:b\n/b/k',
    );
  });
});

describe('query strings and URLs', () => {
  it('formats sorted, encoded queries and parses them back, + as space', () => {
    const q = formatQuery([['b', 'x y'], ['a', null], ['c', '']]);
    expect(q).toBe('a&b=x%20y&c=');
    expect(parseQuery(q)).toEqual([['a', null], ['b', 'x y'], ['c', '']]);
    expect(parseQuery('s=a+b%2B')).toEqual([['s', 'a b+']]);
  });

  it('names the bucket in the host, the path, or not at all (CNAME)', () => {
    expect(objectUrl({ scheme: 'https', host: 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' }, 'b', 'a b')).toBe(
      'https://b.oss-cn-hangzhou.aliyuncs.com/a%20b',
    );
    expect(objectUrl({ scheme: 'http', host: '127.0.0.1:9000', style: 'path' }, 'b', 'k')).toBe('http://127.0.0.1:9000/b/k');
    expect(objectUrl({ scheme: 'https', host: 'static.example.com', style: 'cname' }, 'b', 'k')).toBe('https://static.example.com/k');
  });
});
