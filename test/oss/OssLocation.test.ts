import { describe, expect, it } from 'vitest';
import { needsPathStyle, scopeOfEndpoint } from '../../src/oss/OssEndpoint.js';
import { bucketNameProblem, objectKeyProblem, parseOssLocation, scopeOfLocation } from '../../src/oss/OssLocation.js';

describe('scopeOfEndpoint', () => {
  it.each([
    ['oss-cn-hangzhou.aliyuncs.com', 'cn-hangzhou', 'oss'],
    ['oss-cn-hangzhou-internal.aliyuncs.com', 'cn-hangzhou', 'oss'],
    ['OSS-CN-BEIJING-INTERNAL.ALIYUNCS.COM', 'cn-beijing', 'oss'],
    ['oss-us-west-1.aliyuncs.com', 'us-west-1', 'oss'],
    ['oss-cn-shanghai-finance-1-internal.aliyuncs.com', 'cn-shanghai-finance-1', 'oss'],
    ['cn-hangzhou.oss.aliyuncs.com', 'cn-hangzhou', 'oss'],
    ['cb-123.cn-hangzhou.oss-cloudbox.aliyuncs.com', 'cb-123', 'oss-cloudbox'],
    ['oss-cn-hangzhou.aliyuncs.com:443', 'cn-hangzhou', 'oss'],
  ])('%s signs for region %s, product %s', (host, region, product) => {
    expect(scopeOfEndpoint(host)).toEqual({ region, product });
  });

  it.each(['oss-accelerate.aliyuncs.com', 'oss-accelerate-overseas.aliyuncs.com', '127.0.0.1:9000', 'localhost', 'static.example.com'])(
    '%s names no region',
    (host) => {
      expect(scopeOfEndpoint(host)).toBeUndefined();
    },
  );

  it('uses path style for IP addresses and localhost only', () => {
    expect(needsPathStyle('127.0.0.1:9000')).toBe(true);
    expect(needsPathStyle('[::1]:9000')).toBe(true);
    expect(needsPathStyle('localhost:8080')).toBe(true);
    expect(needsPathStyle('oss-cn-hangzhou.aliyuncs.com')).toBe(false);
  });
});

describe('parseOssLocation', () => {
  it('reads endpoint, bucket and prefix, adding the trailing slash', () => {
    expect(parseOssLocation('oss://oss-cn-hangzhou-internal.aliyuncs.com/object-table-test/object_table_folder/')).toEqual({
      endpoint: 'oss-cn-hangzhou-internal.aliyuncs.com',
      bucket: 'object-table-test',
      prefix: 'object_table_folder/',
    });
    expect(parseOssLocation('oss://oss-cn-hangzhou.aliyuncs.com/bucket/a/b')).toMatchObject({ prefix: 'a/b/' });
    expect(parseOssLocation('oss://oss-cn-hangzhou.aliyuncs.com/bucket')).toMatchObject({ bucket: 'bucket', prefix: '' });
    expect(parseOssLocation('OSS://oss-cn-hangzhou.aliyuncs.com/bucket/')).toMatchObject({ prefix: '' });
  });

  it('keeps empty and dot segments of the prefix as OSS names them, never resolving them as a path', () => {
    for (const [text, prefix] of [
      ['oss://oss-cn-hangzhou.aliyuncs.com/bucket/x//y/', 'x//y/'],
      ['oss://oss-cn-hangzhou.aliyuncs.com/bucket/x//y', 'x//y/'],
      ['oss://oss-cn-hangzhou.aliyuncs.com/bucket/x//', 'x//'],
      ['oss://oss-cn-hangzhou.aliyuncs.com/bucket/./x/', './x/'],
      ['oss://oss-cn-hangzhou.aliyuncs.com/bucket/a/../b/', 'a/../b/'],
      ['oss://oss-cn-hangzhou.aliyuncs.com/bucket/\ufeffdir/', '\ufeffdir/'],
    ]) {
      expect(parseOssLocation(text!), text).toMatchObject({ bucket: 'bucket', prefix });
    }
  });

  it.each([
    ['http://oss-cn-hangzhou.aliyuncs.com/b/', /is not an OSS location/],
    ['oss://', /has no endpoint/],
    ['oss:///bucket/', /has no endpoint/],
    ['oss://oss-cn-hangzhou.aliyuncs.com/', /names no bucket/],
    ['oss://oss-cn-hangzhou.aliyuncs.com', /names no bucket/],
    ['oss://oss-cn-hangzhou.aliyuncs.com/My_Bucket/', /bucket 'My_Bucket', which OSS would refuse: OSS allows only lower-case/],
    ['oss://oss-cn-hangzhou.aliyuncs.com/ab/', /it has 2 characters; OSS allows 3 to 63/],
    ['oss://oss-cn-hangzhou.aliyuncs.com/-abc/', /must start and end with a lower-case letter or digit/],
    ['oss://oss-cn-hangzhou.aliyuncs.com/bucket//x/', /cannot start with a slash/],
    ['oss://bad host/bucket/', /not a host name/],
    ['oss://oss-cn-hangzhou.aliyuncs.com:99999/bucket/', /not a host name/],
  ])('refuses %s', (text, message) => {
    expect(() => parseOssLocation(text)).toThrow(message);
  });
});

describe('scopeOfLocation', () => {
  it('takes the region from the endpoint, or from an explicit region', () => {
    const location = parseOssLocation('oss://127.0.0.1:9000/bucket/dir/');
    expect(() => scopeOfLocation(location)).toThrow(/cannot read the OSS region from endpoint '127.0.0.1:9000'.*'ossduck.region'='cn-hangzhou'/);
    expect(scopeOfLocation(location, 'cn-shanghai')).toEqual({ region: 'cn-shanghai', product: 'oss' });
    expect(() => scopeOfLocation(location, 'Not A Region')).toThrow(/is not an OSS region id/);
  });

  it("refuses an explicit region that contradicts the endpoint's, and takes one that agrees", () => {
    const location = parseOssLocation('oss://oss-cn-hangzhou-internal.aliyuncs.com/bucket/dir/');
    expect(scopeOfLocation(location, 'cn-hangzhou')).toEqual({ region: 'cn-hangzhou', product: 'oss' });
    expect(() => scopeOfLocation(location, 'cn-beijing')).toThrow(
      "'ossduck.region'='cn-beijing' contradicts the LOCATION's endpoint 'oss-cn-hangzhou-internal.aliyuncs.com', which is in cn-hangzhou",
    );
  });
});

describe('OSS name rules', () => {
  it('checks bucket names', () => {
    expect(bucketNameProblem('examplebucket')).toBeUndefined();
    expect(bucketNameProblem('a'.repeat(64))).toMatch(/64 characters/);
  });

  it('checks object names: 1..1023 bytes, no leading slash or backslash', () => {
    expect(objectKeyProblem('dir/a')).toBeUndefined();
    expect(objectKeyProblem('')).toMatch(/empty/);
    expect(objectKeyProblem('/a')).toMatch(/slash/);
    expect(objectKeyProblem('\\a')).toMatch(/backslash/);
    expect(objectKeyProblem('中'.repeat(342))).toMatch(/1023 bytes/);
    expect(objectKeyProblem('x'.repeat(1023))).toBeUndefined();
  });
});
