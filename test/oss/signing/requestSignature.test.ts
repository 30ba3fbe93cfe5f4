import { describe, expect, it } from 'vitest';
import { Credentials } from '../../../src/oss/Credentials.js';
import { Presigner } from '../../../src/oss/signing/Presigner.js';
import type { PresignSpec } from '../../../src/oss/signing/Presigner.js';
import { parseQuery } from '../../../src/oss/signing/QueryParam.js';
import { requestSignatureV1, requestSignatureV4 } from '../../../src/oss/signing/requestSignature.js';
import { deriveSigningKey } from '../../../src/oss/signing/SignatureV4.js';

const SECRET = 'RequestSignatureSecret-2718';
const credentials = new Credentials({ accessKeyId: 'LTAI5tRequestSig', accessKeySecret: SECRET, securityToken: 'CAIS+tok/en==' });
const spec: Omit<PresignSpec, 'version'> = {
  credentials,
  method: 'PUT',
  bucket: 'examplebucket',
  signTime: Date.UTC(2026, 10, 23, 12, 0, 0) / 1000,
  expiresIn: 900,
  region: 'cn-hangzhou',
  product: 'oss',
  address: { scheme: 'https', host: 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' },
  query: [['response-content-type', 'text/plain']],
  headers: [['Content-Type', 'text/csv'], ['x-oss-meta-a', 'b'], ['Range', 'bytes=0-1']],
  additionalHeaders: ['range'],
};
const KEY = 'dir/a b+c/中文.txt';

describe('requestSignatureV4', () => {
  it('recomputes from the decoded URL exactly what the Presigner signed', () => {
    const made = new Presigner({ ...spec, version: 'v4' }).explain(KEY);
    const query = parseQuery(made.url.split('?')[1]!);
    const get = (name: string): string => query.find(([n]) => n === name)![1]!;
    const got = requestSignatureV4(
      { method: 'PUT', bucket: 'examplebucket', key: KEY, query: query.filter(([n]) => n !== 'x-oss-signature'), headers: spec.headers! },
      { datetime: get('x-oss-date'), scope: { date: '20261123', region: 'cn-hangzhou', product: 'oss' }, additionalHeaders: get('x-oss-additional-headers').split(';') },
      deriveSigningKey(SECRET, '20261123', 'cn-hangzhou', 'oss'),
    );
    expect(got).toEqual({ canonicalRequest: made.canonicalRequest, stringToSign: made.stringToSign, signature: get('x-oss-signature') });
  });

  it('gives another signature for another method, header value or key', () => {
    const made = new Presigner({ ...spec, version: 'v4' }).explain(KEY);
    const query = parseQuery(made.url.split('?')[1]!).filter(([n]) => n !== 'x-oss-signature');
    const key = deriveSigningKey(SECRET, '20261123', 'cn-hangzhou', 'oss');
    const signing = { datetime: '20261123T120000Z', scope: { date: '20261123', region: 'cn-hangzhou', product: 'oss' }, additionalHeaders: ['range'] };
    const base = { method: 'PUT', bucket: 'examplebucket', key: KEY, query, headers: spec.headers! };
    const signature = requestSignatureV4(base, signing, key).signature;
    expect(requestSignatureV4({ ...base, method: 'GET' }, signing, key).signature).not.toBe(signature);
    expect(requestSignatureV4({ ...base, key: 'dir/other' }, signing, key).signature).not.toBe(signature);
    expect(requestSignatureV4({ ...base, headers: [['Content-Type', 'text/plain'], ['x-oss-meta-a', 'b'], ['Range', 'bytes=0-1']] }, signing, key).signature).not.toBe(signature);
  });
});

describe('requestSignatureV1', () => {
  it('recomputes from the decoded URL exactly what the Presigner signed', () => {
    const made = new Presigner({ ...spec, version: 'v1' }).explain(KEY);
    const query = parseQuery(made.url.split('?')[1]!);
    const get = (name: string): string => query.find(([n]) => n === name)![1]!;
    const got = requestSignatureV1({ method: 'PUT', bucket: 'examplebucket', key: KEY, query, headers: spec.headers! }, get('Expires'), SECRET);
    expect(got).toEqual({ canonicalRequest: undefined, stringToSign: made.stringToSign, signature: get('Signature') });
  });
});
