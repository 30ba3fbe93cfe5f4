import { describe, expect, it } from 'vitest';
import { ossAuthOf, requestRecordJson, stsAuthOf } from '../../src/emulator/RequestRecord.js';
import type { AuthSummary, RequestRecord } from '../../src/emulator/RequestRecord.js';
import { parseQuery } from '../../src/oss/signing/QueryParam.js';

const SIG = 'a'.repeat(64);

describe('RequestRecord', () => {
  const oss: [string, string, [string, string][], AuthSummary][] = [
    ['nothing', '', [], { auth: 'anonymous', signatureVersion: null, accessKeyId: null, sts: false, expiresAt: null }],
    ['a V1 header', '', [['Authorization', 'OSS LTAI5tKey:c2lnbmF0dXJl']], { auth: 'v1-header', signatureVersion: 'v1', accessKeyId: 'LTAI5tKey', sts: false, expiresAt: null }],
    [
      'a V4 header with a token',
      '',
      [['authorization', `OSS4-HMAC-SHA256 Credential=STS.abc/20261205/cn-hangzhou/oss/aliyun_v4_request,Signature=${SIG}`], ['x-oss-security-token', 'CAIS1']],
      { auth: 'v4-header', signatureVersion: 'v4', accessKeyId: 'STS.abc', sts: true, expiresAt: null },
    ],
    ['a malformed V4 header', '', [['Authorization', 'OSS4-HMAC-SHA256 nonsense']], { auth: 'v4-header', signatureVersion: 'v4', accessKeyId: null, sts: false, expiresAt: null }],
    [
      'a V1 URL',
      'OSSAccessKeyId=LTAI5tKey&Expires=1796457600&Signature=abc%3D&security-token=CAIS2',
      [],
      { auth: 'v1-query', signatureVersion: 'v1', accessKeyId: 'LTAI5tKey', sts: true, expiresAt: 1796457600000 },
    ],
    ['a V1 URL with an unreadable Expires', 'OSSAccessKeyId=k&Expires=soon&Signature=s', [], { auth: 'v1-query', signatureVersion: 'v1', accessKeyId: 'k', sts: false, expiresAt: null }],
    [
      'a V4 URL',
      `x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=LTAI5tKey%2F20261205%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20261205T080000Z&x-oss-expires=900&x-oss-signature=${SIG}`,
      [],
      { auth: 'v4-query', signatureVersion: 'v4', accessKeyId: 'LTAI5tKey', sts: false, expiresAt: Date.UTC(2026, 11, 5, 8, 15) },
    ],
    ['a V4 URL cut short', `x-oss-signature=${SIG}`, [], { auth: 'v4-query', signatureVersion: 'v4', accessKeyId: null, sts: false, expiresAt: null }],
  ];
  for (const [what, query, headers, expected] of oss) {
    it(`reads the authentication of ${what}`, () => {
      expect(ossAuthOf(parseQuery(query), headers)).toEqual(expected);
    });
  }

  it('reads the authentication of STS calls', () => {
    expect(stsAuthOf(parseQuery('Action=AssumeRole&AccessKeyId=LTAI5tKey&Signature=x'), [])).toMatchObject({ auth: 'sts-rpc', accessKeyId: 'LTAI5tKey' });
    expect(stsAuthOf([], [['Authorization', `ACS3-HMAC-SHA256 Credential=LTAI5tKey,SignedHeaders=host,Signature=${SIG}`]])).toMatchObject({ auth: 'sts-acs3', accessKeyId: 'LTAI5tKey' });
  });

  it('renders instants as ISO 8601 in the one JSON shape of the console and the access log', () => {
    const record: RequestRecord = {
      requestId: 'R', at: Date.UTC(2026, 11, 5, 8), service: 'oss', method: 'GET', bucket: 'b', key: 'k', auth: 'v4-query', signatureVersion: 'v4',
      accessKeyId: 'id', sts: false, expiresAt: Date.UTC(2026, 11, 5, 9), status: 200, code: null, verdict: 'served', bytesIn: 0, bytesOut: 3, latencyMs: 0.5, userAgent: 'curl',
    };
    const json = requestRecordJson(record);
    expect(json.time).toBe('2026-12-05T08:00:00.000Z');
    expect(json.expiresAt).toBe('2026-12-05T09:00:00.000Z');
    expect(Object.keys(json)).toHaveLength(18);
    expect(requestRecordJson({ ...record, expiresAt: null }).expiresAt).toBeNull();
  });
});
