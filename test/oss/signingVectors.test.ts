import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { signHeaderV1, signHeaderV4 } from '../../src/oss/signing/HeaderSigner.js';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import { parseQuery } from '../../src/oss/signing/QueryParam.js';
import type { QueryParam } from '../../src/oss/signing/QueryParam.js';
import { canonicalHeaders, effectiveAdditionalHeaders } from '../../src/oss/signing/SignatureV4.js';
import type { UrlAddress } from '../../src/oss/signing/UrlAddress.js';

/** Vectors from the official OSS SDKs' unit tests (inputs and exact expected values). */
interface Vector {
  vector_id: string;
  version: 'v1' | 'v4';
  mode: 'header' | 'query';
  inputs: Record<string, unknown> & {
    access_key_id: string;
    access_key_secret: string;
    security_token: string | null;
    method: string;
    url: string;
    bucket: string;
    key: string | null;
    headers: [string, string][];
  };
  expected: Record<string, string | null>;
  derived: Record<string, unknown>;
}

const vectors = JSON.parse(readFileSync(new URL('../fixtures/oss-signing-vectors.json', import.meta.url), 'utf8')) as Vector[];

function credentialsOf(v: Vector): Credentials {
  return new Credentials({
    accessKeyId: v.inputs.access_key_id,
    accessKeySecret: v.inputs.access_key_secret,
    securityToken: v.inputs.security_token ?? undefined,
  });
}

function addressOf(v: Vector): UrlAddress {
  const url = new URL(v.inputs.url);
  const host = url.host.startsWith(`${v.inputs.bucket}.`) ? url.host.slice(v.inputs.bucket.length + 1) : url.host;
  return { scheme: url.protocol === 'https:' ? 'https' : 'http', host, style: 'virtual' };
}

function queryOf(v: Vector): QueryParam[] {
  const decoded = (v.inputs['query_decoded'] ?? v.inputs['query'] ?? []) as [string, string | null][];
  return decoded.map(([n, value]) => [n, value]);
}

function signTimeOf(v: Vector): number {
  if (typeof v.inputs['sign_time_unix'] === 'number') return v.inputs['sign_time_unix'];
  const match = /epoch (\d+)/.exec(String(v.inputs['sign_time']));
  if (!match) throw new Error(`vector ${v.vector_id} has no sign time`);
  return Number(match[1]);
}

describe('signing vectors of the official OSS SDKs', () => {
  it('has every vector of the fixture file', () => {
    expect(vectors.length).toBe(26);
  });

  for (const v of vectors.filter((x) => x.version === 'v1' && x.mode === 'header')) {
    it(`${v.vector_id}: V1 Authorization header`, () => {
      const result = signHeaderV1(
        { method: v.inputs.method, bucket: v.inputs.bucket, key: v.inputs.key ?? undefined, query: queryOf(v), headers: v.inputs.headers },
        { credentials: credentialsOf(v), signTime: signTimeOf(v), extraSubResources: v.inputs['extra_sub_resources'] as string[] },
      );
      expect(result.authorization).toBe(v.expected['authorization']);
      expect(result.stringToSign).toBe(v.expected['string_to_sign'] ?? v.derived['string_to_sign']);
    });
  }

  for (const v of vectors.filter((x) => x.version === 'v1' && x.mode === 'query')) {
    it(`${v.vector_id}: V1 presigned URL`, () => {
      const expires = v.inputs['expires_unix'] as number;
      const extra = queryOf(v);
      const presigner = new Presigner({
        version: 'v1',
        credentials: credentialsOf(v),
        method: v.inputs.method,
        bucket: v.inputs.bucket,
        signTime: expires - 900,
        expiresIn: 900,
        region: 'cn-hangzhou',
        product: 'oss',
        address: addressOf(v),
        query: extra,
        headers: v.inputs.headers,
      });
      const explained = presigner.explain(v.inputs.key ?? '');
      expect(explained.stringToSign).toBe(v.derived['string_to_sign']);
      expect(explained.signature).toBe(v.derived['signature_raw_base64']);
      if (v.expected['signed_url']) expect(explained.url).toBe(v.expected['signed_url']);
      const raw = new URL(explained.url).search.slice(1).split('&');
      for (const [name, value] of Object.entries(v.expected)) {
        if (name === 'signed_url' || value === null) continue;
        const param = name.replace(/ \(.*\)$/, '');
        if (name.includes('(encoded') || name.includes('as asserted')) {
          expect(raw).toContain(`${param}=${value}`);
        } else {
          expect(parseQuery(new URL(explained.url).search.slice(1))).toContainEqual([param, value]);
        }
      }
    });
  }

  for (const v of vectors.filter((x) => x.version === 'v4' && x.mode === 'header' && x.inputs.method)) {
    it(`${v.vector_id}: V4 Authorization header`, () => {
      const result = signHeaderV4(
        { method: v.inputs.method, bucket: v.inputs.bucket, key: v.inputs.key ?? undefined, query: queryOf(v), headers: v.inputs.headers },
        {
          credentials: credentialsOf(v),
          signTime: signTimeOf(v),
          region: v.inputs['region'] as string,
          product: v.inputs['product'] as string,
          additionalHeaders: (v.inputs['additional_headers'] as string[] | null) ?? undefined,
        },
      );
      expect(result.authorization).toBe(v.expected['authorization']);
      expect(result.canonicalRequest).toBe(v.derived['canonical_request']);
      expect(result.stringToSign).toBe(v.derived['string_to_sign']);
    });
  }

  for (const v of vectors.filter((x) => x.version === 'v4' && x.mode === 'query')) {
    it(`${v.vector_id}: V4 presigned URL`, () => {
      const signTime = v.inputs['sign_time_unix'] as number;
      const presigner = new Presigner({
        version: 'v4',
        credentials: credentialsOf(v),
        method: v.inputs.method,
        bucket: v.inputs.bucket,
        signTime,
        expiresIn: (v.inputs['expiration_unix'] as number) - signTime,
        region: v.inputs['region'] as string,
        product: v.inputs['product'] as string,
        address: addressOf(v),
        query: queryOf(v),
        headers: v.inputs.headers,
        additionalHeaders: (v.inputs['additional_headers'] as string[] | null) ?? undefined,
      });
      const explained = presigner.explain(v.inputs.key ?? '');
      expect(explained.canonicalRequest).toBe(v.derived['canonical_request']);
      expect(explained.stringToSign).toBe(v.derived['string_to_sign']);
      if (v.expected['signed_url']) expect(explained.url).toBe(v.expected['signed_url']);
      const search = new URL(explained.url).search.slice(1);
      const decoded = parseQuery(search);
      for (const [name, value] of Object.entries(v.expected)) {
        if (name === 'signed_url') continue;
        const param = name.replace(/ \(.*\)$/, '');
        if (value === null) {
          expect(decoded.map(([n]) => n)).not.toContain(param);
        } else if (name.includes('(encoded')) {
          expect(search.split('&')).toContain(`${param}=${value}`);
        } else {
          expect(decoded).toContainEqual([param, value]);
        }
      }
    });
  }

  for (const v of vectors.filter((x) => x.vector_id === 'v4-canonical-headers-java')) {
    it(`${v.vector_id}: canonical headers sort in byte order`, () => {
      const headers = v.inputs.headers;
      expect(canonicalHeaders(headers, effectiveAdditionalHeaders(headers, undefined))).toBe(v.expected['canonical_headers']);
    });
  }
});
