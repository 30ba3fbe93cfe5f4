import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { authenticateOssRequest } from '../../../src/oss/verify/authenticateOssRequest.js';
import type { AuthInput, SecretLookup } from '../../../src/oss/verify/authenticateOssRequest.js';
import { OssServiceError } from '../../../src/oss/verify/OssServiceError.js';
import { parseAuthorization } from '../../../src/oss/verify/parseAuthorization.js';
import { formatHttpDate } from '../../../src/oss/signing/HeaderSigner.js';
import type { QueryParam } from '../../../src/oss/signing/QueryParam.js';

/**
 * The server-side check against the official SDKs' signing vectors: every
 * vector's signature is accepted for its request, and a changed signature is
 * refused with the vector's own StringToSign / CanonicalRequest in the error.
 */

interface Vector {
  vector_id: string;
  version: 'v1' | 'v4';
  mode: 'header' | 'query';
  inputs: Record<string, unknown> & {
    access_key_id: string;
    access_key_secret: string;
    security_token: string | null;
    method: string;
    bucket: string;
    key: string | null;
    headers: [string, string][];
  };
  expected: Record<string, string | null>;
  derived: Record<string, string> & { headers_after_signing?: [string, string][]; query_params_added?: [string, string][] };
}

const vectors = (JSON.parse(readFileSync(new URL('../../fixtures/oss-signing-vectors.json', import.meta.url), 'utf8')) as Vector[]).filter(
  (v) => typeof v.inputs.method === 'string',
);

function queryOf(v: Vector): QueryParam[] {
  return ((v.inputs['query_decoded'] ?? v.inputs['query'] ?? []) as [string, string | null][]).map(([n, value]) => [n, value]);
}

function signTimeOf(v: Vector): number {
  if (typeof v.inputs['sign_time_unix'] === 'number') return v.inputs['sign_time_unix'];
  if (typeof v.inputs['expires_unix'] === 'number') return v.inputs['expires_unix'] - 900;
  return Number(/epoch (\d+)/.exec(String(v.inputs['sign_time']))?.[1]);
}

function lookupFor(v: Vector): SecretLookup {
  return (id, token) => {
    if (id !== v.inputs.access_key_id) return OssServiceError.invalidAccessKeyId(id);
    if ((token ?? null) !== v.inputs.security_token) return OssServiceError.invalidSecurityToken();
    return v.inputs.access_key_secret;
  };
}

/** The request the vector's signer would send. */
function requestOf(v: Vector): AuthInput {
  const signTime = signTimeOf(v);
  const headers: [string, string][] = (v.derived.headers_after_signing ?? v.inputs.headers).map(([n, value]) => [n, value]);
  const has = (name: string): boolean => headers.some(([n]) => n.toLowerCase() === name);
  const query = queryOf(v);
  const token = v.inputs.security_token;
  if (v.mode === 'header') {
    if (v.version === 'v1') {
      if (!has('date') && !has('x-oss-date')) headers.push(['Date', formatHttpDate(signTime)]);
    } else {
      if (!has('x-oss-date')) headers.push(['x-oss-date', String(v.inputs['sign_time_iso8601'])]);
      if (!has('x-oss-content-sha256')) headers.push(['x-oss-content-sha256', 'UNSIGNED-PAYLOAD']);
    }
    if (token !== null && !has('x-oss-security-token')) headers.push(['x-oss-security-token', token]);
    headers.push(['Authorization', v.expected['authorization']!]);
  } else if (v.version === 'v1') {
    if (token !== null) query.push(['security-token', token]);
    query.push(['OSSAccessKeyId', v.inputs.access_key_id], ['Expires', String(v.inputs['expires_unix'])]);
    query.push(['Signature', v.derived['signature_raw_base64']!]);
  } else {
    const added = new Map<string, string>(v.derived.query_params_added ?? []);
    for (const [name, value] of Object.entries(v.expected)) {
      if (value === null || name === 'signed_url' || !name.startsWith('x-oss-')) continue;
      added.set(name.replace(/ \(.*\)$/, ''), name.includes('(encoded') ? decodeURIComponent(value) : value);
    }
    query.push(...added);
    if (token !== null && !query.some(([n]) => n === 'x-oss-security-token')) query.push(['x-oss-security-token', token]);
  }
  return { method: v.inputs.method, targets: [{ bucket: v.inputs.bucket, key: v.inputs.key ?? undefined }], query, headers, nowMs: signTime * 1000 };
}

function tamper(input: AuthInput, v: Vector): AuthInput {
  const flip = (s: string): string => s.slice(0, -2) + (s.slice(-2, -1) === 'a' ? 'b' : 'a') + s.slice(-1);
  if (v.mode === 'header') {
    return { ...input, headers: input.headers.map(([n, value]) => (n === 'Authorization' ? [n, flip(value)] : [n, value])) };
  }
  const param = v.version === 'v1' ? 'Signature' : 'x-oss-signature';
  return { ...input, query: input.query.map(([n, value]) => (n === param ? [n, flip(value ?? '')] : [n, value])) };
}

function detail(error: OssServiceError, name: string): string | undefined {
  return error.details.find(([n]) => n === name)?.[1];
}

describe('authenticateOssRequest', () => {
  it('covers every signing vector of the fixture', () => {
    expect(vectors.length).toBe(25);
  });

  for (const v of vectors) {
    it(`${v.vector_id}: accepts the vector's ${v.version} ${v.mode} signature and refuses a changed one`, () => {
      const input = requestOf(v);
      const principal = authenticateOssRequest(input, lookupFor(v));
      if (principal instanceof OssServiceError) throw new Error(principal.toXml('id', 'host'));
      expect(principal.accessKeyId).toBe(v.inputs.access_key_id);
      expect(principal.form).toBe(`${v.version}-${v.mode}`);

      const refused = authenticateOssRequest(tamper(input, v), lookupFor(v));
      expect(refused).toBeInstanceOf(OssServiceError);
      const error = refused as OssServiceError;
      expect(error.code).toBe('SignatureDoesNotMatch');
      const stringToSign = v.expected['string_to_sign'] ?? v.derived['string_to_sign'];
      if (stringToSign) expect(detail(error, 'StringToSign')).toBe(stringToSign);
      if (v.derived['canonical_request']) expect(detail(error, 'CanonicalRequest')).toBe(v.derived['canonical_request']);
      expect(error.toXml('id', 'host')).not.toContain(v.inputs.access_key_secret === 'sk' ? 'sk<' : v.inputs.access_key_secret);
    });
  }

  const base: AuthInput = { method: 'GET', targets: [{ bucket: 'b', key: 'k' }], query: [], headers: [], nowMs: Date.UTC(2024, 0, 1) };
  const lookup: SecretLookup = () => 'secret';

  it('treats a request without any signature as anonymous', () => {
    expect(authenticateOssRequest(base, lookup)).toMatchObject({ code: 'AccessDenied', status: 403, ec: '0003-00000001' });
  });

  it('refuses a header and a query signature together', () => {
    const input = { ...base, headers: [['Authorization', 'OSS a:b']] as [string, string][], query: [['OSSAccessKeyId', 'a']] as QueryParam[] };
    expect(authenticateOssRequest(input, lookup)).toMatchObject({ code: 'InvalidArgument', status: 400 });
  });

  it('applies the 15-minute skew rule to header signatures only', () => {
    const old = formatHttpDate(base.nowMs / 1000 - 901);
    const skewed = authenticateOssRequest({ ...base, headers: [['Date', old], ['Authorization', 'OSS id:sig']] }, lookup);
    expect(skewed).toMatchObject({ code: 'RequestTimeTooSkewed', status: 403 });
    expect((skewed as OssServiceError).details.map(([n]) => n)).toEqual(['MaxAllowedSkewMilliseconds', 'RequestTime', 'ServerTime']);
    const recent = formatHttpDate(base.nowMs / 1000 - 899);
    expect(authenticateOssRequest({ ...base, headers: [['Date', recent], ['Authorization', 'OSS id:sig']] }, lookup)).toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
    // A URL signed an hour ago that expires in two is fine (the signature decides).
    const url = authenticateOssRequest(
      { ...base, query: [['OSSAccessKeyId', 'id'], ['Expires', String(base.nowMs / 1000 + 3600)], ['Signature', 'x']] },
      lookup,
    );
    expect(url).toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('refuses a missing or malformed date with AccessDenied', () => {
    for (const date of [undefined, 'yesterday', 'Mon, 1 Jan 2024 00:00:00 GMT', 'Tue, 01 Jan 2024 00:00:00 GMT']) {
      const headers: [string, string][] = [['Authorization', 'OSS id:sig']];
      if (date) headers.push(['Date', date]);
      expect(authenticateOssRequest({ ...base, headers }, lookup)).toMatchObject({ code: 'AccessDenied', message: 'OSS authentication requires a valid Date.' });
    }
  });

  it('passes the lookup\'s refusal through before comparing signatures', () => {
    const refuse: SecretLookup = (id) => OssServiceError.invalidAccessKeyId(id);
    const date = formatHttpDate(base.nowMs / 1000);
    expect(authenticateOssRequest({ ...base, headers: [['Date', date], ['Authorization', 'OSS who:sig']] }, refuse)).toMatchObject({
      code: 'InvalidAccessKeyId',
      details: [['OSSAccessKeyId', 'who']],
    });
  });
});

describe('parseAuthorization', () => {
  it('reads V1 and V4 headers, with or without spaces after commas', () => {
    expect(parseAuthorization('OSS LTAI:abc+/=')).toEqual({ version: 'v1', accessKeyId: 'LTAI', signature: 'abc+/=' });
    expect(
      parseAuthorization('OSS4-HMAC-SHA256 Credential=ak/20250411/cn-hangzhou/oss/aliyun_v4_request, AdditionalHeaders=content-disposition;content-length, Signature=05'),
    ).toEqual({
      version: 'v4',
      accessKeyId: 'ak',
      scope: { date: '20250411', region: 'cn-hangzhou', product: 'oss' },
      additionalHeaders: ['content-disposition', 'content-length'],
      signature: '05',
    });
  });

  it('names what is wrong with a malformed header', () => {
    for (const bad of ['Bearer x', 'OSS nocolon', 'OSS :sig', 'OSS id:', 'OSS4-HMAC-SHA256 Signature=1', 'OSS4-HMAC-SHA256 Credential=a/b,Signature=1',
      'OSS4-HMAC-SHA256 Credential=ak/2025041/cn/oss/aliyun_v4_request,Signature=1', 'OSS4-HMAC-SHA256 Credential=ak/20250411/cn/s3/aliyun_v4_request,Signature=1',
      'OSS4-HMAC-SHA256 Credential=ak/20250411/cn/oss/aliyun_v4_request,AdditionalHeaders=,Signature=1', 'OSS4-HMAC-SHA256 Credential=ak/20250411/cn/oss/aliyun_v4_request,Signature=1,Signature=2']) {
      expect(parseAuthorization(bad), bad).toHaveProperty('fault');
    }
  });
});
