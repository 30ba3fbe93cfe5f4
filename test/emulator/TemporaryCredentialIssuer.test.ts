import { describe, expect, it } from 'vitest';
import { grantProblem } from '../../src/oss/verify/TemporaryToken.js';
import { TemporaryCredentialIssuer } from '../../src/emulator/TemporaryCredentialIssuer.js';

const EXPIRES = Date.UTC(2026, 10, 23, 13, 0, 0);

describe('TemporaryCredentialIssuer', () => {
  it('reads the claims of its tokens without the key, and only verify() vouches for them', () => {
    const issuer = new TemporaryCredentialIssuer();
    const issued = issuer.issue('acs:ram::1:role/r', 'session', EXPIRES);
    const claims = TemporaryCredentialIssuer.readClaims(issued.securityToken);
    expect(claims).toEqual({ accessKeyId: issued.accessKeyId, expiresAtMs: EXPIRES, roleArn: 'acs:ram::1:role/r', sessionName: 'session' });
    expect(new TemporaryCredentialIssuer().verify(issued.securityToken)).toBeUndefined();
    expect(issuer.verify(issued.securityToken)).toEqual(claims);
  });

  it('reads no claims from tokens in other formats', () => {
    for (const token of ['CAIS+opaque/real=sts==', 'not-a-token', 'CAIS', `CAIS${Buffer.from('x'.repeat(40)).toString('base64')}`]) {
      expect(TemporaryCredentialIssuer.readClaims(token), token).toBeUndefined();
    }
  });
});

describe('grantProblem', () => {
  const grant = { accessKeyId: 'STS.abc', expiresAtMs: EXPIRES, roleArn: 'acs:ram::1:role/r', sessionName: 's' };

  it('accepts the grant for its own key before its expiration', () => {
    expect(grantProblem(grant, 'STS.abc', EXPIRES - 1)).toBeUndefined();
  });

  it('refuses it at its expiration, for another temporary key, and for an account key', () => {
    expect(grantProblem(grant, 'STS.abc', EXPIRES)?.code).toBe('SecurityTokenExpired');
    expect(grantProblem(grant, 'STS.other', EXPIRES - 1)?.code).toBe('AccessKeyIdAndSecurityTokenNotMatch');
    expect(grantProblem(grant, 'LTAIaccount', EXPIRES - 1)?.code).toBe('InvalidAccessKeyId');
  });
});
