import { describe, expect, it } from 'vitest';
import { describeRequest, redactRequestSecrets, shortSignature, shownAuthorization, tokensOf } from '../../../src/emulator/console/describeRequest.js';
import { RequestEvidence } from '../../../src/emulator/RequestRecord.js';

const V4_SIG = '3fa1b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80';
const V1_SIG = 'MQYXTdaA1b2C3d4E5f6G7h8I9j0=';
const TOKEN = `CAIS${'x'.repeat(300)}TAIL`;

describe('describeRequest', () => {
  it('shortens a signature to a prefix and its length', () => {
    expect(shortSignature(V4_SIG)).toBe('3fa1b2c4… (64 characters)');
    expect(shortSignature(V1_SIG)).toBe('MQYXTda… (28 characters)');
    expect(shortSignature('abc')).toBe('… (3 characters)');
  });

  it('shortens the signature of V1, V4 and ACS3 Authorization headers and keeps the rest', () => {
    expect(shownAuthorization(`OSS LTAI5tKey:${V1_SIG}`)).toBe('OSS LTAI5tKey:MQYXTda… (28 characters)');
    const v4 = `OSS4-HMAC-SHA256 Credential=LTAI5tKey/20261205/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=host,Signature=${V4_SIG}`;
    expect(shownAuthorization(v4)).toBe(
      'OSS4-HMAC-SHA256 Credential=LTAI5tKey/20261205/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=host,Signature=3fa1b2c4… (64 characters)',
    );
    expect(shownAuthorization(`ACS3-HMAC-SHA256 Credential=LTAI5tKey,SignedHeaders=host,Signature=${V4_SIG}`)).toContain('Signature=3fa1b2c4… (64 characters)');
    expect(shownAuthorization('Bearer abcdefghijklmnop')).toBe('Beare… (23 characters)');
  });

  it('shows the query and headers with signatures, tokens and cookies cut, the rest as sent', () => {
    const target = `/b/dir/k.csv?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-security-token=${encodeURIComponent(TOKEN)}&x-oss-signature=${V4_SIG}&versionId=CAEQ1`;
    const evidence = new RequestEvidence('http', target, [['Host', '127.0.0.1:9000'], ['Cookie', 'session=abc'], ['X-Oss-Security-Token', TOKEN], ['Content-Type', 'text/csv']], 0, undefined);
    const shown = describeRequest('GET', evidence);
    const text = JSON.stringify(shown);
    expect(text).not.toContain(V4_SIG);
    expect(text).not.toContain(TOKEN.slice(0, 40));
    expect(text).not.toContain('session=abc');
    expect(shown.query).toContainEqual(['x-oss-signature', '3fa1b2c4… (64 characters)']);
    expect(shown.query).toContainEqual(['x-oss-security-token', '<security token CAISxxxx… (308 characters)>']);
    expect(shown.query).toContainEqual(['versionId', 'CAEQ1']);
    expect(shown.headers).toContainEqual(['Cookie', '<not shown>']);
    expect(shown.headers).toContainEqual(['Content-Type', 'text/csv']);
    expect(shown.url.startsWith('/b/dir/k.csv?x-oss-signature-version=OSS4-HMAC-SHA256&')).toBe(true);
  });

  it('finds the request’s tokens and cuts them, raw or percent-encoded, out of any text', () => {
    const evidence = new RequestEvidence('http', `/b/k?security-token=${encodeURIComponent(TOKEN)}`, [['x-oss-security-token', `${TOKEN}2`]], 0, undefined);
    const tokens = tokensOf(evidence);
    expect(tokens).toEqual([TOKEN, `${TOKEN}2`]);
    const text = `a=${encodeURIComponent(TOKEN)}\nb=${TOKEN}\nsig=${V4_SIG}`;
    const redacted = redactRequestSecrets(text, tokens, [V4_SIG]);
    expect(redacted).not.toContain(TOKEN.slice(0, 40));
    expect(redacted).not.toContain(V4_SIG);
    expect(redacted).toContain('sig=3fa1b2c4… (64 characters)');
  });
});
