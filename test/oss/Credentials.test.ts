import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { EnvironmentCredentialSource, credentialsFromOssVariables } from '../../src/oss/CredentialSource.js';

const SECRET = 'TopSecretValue-9f8e7d';

describe('Credentials', () => {
  it('never shows its secret through JSON, inspect, string conversion or enumeration', () => {
    const c = new Credentials({ accessKeyId: 'LTAIid', accessKeySecret: SECRET, securityToken: 'tok' });
    expect(JSON.stringify(c)).not.toContain(SECRET);
    expect(inspect(c, { showHidden: true, depth: 10 })).not.toContain(SECRET);
    expect(String(c)).not.toContain(SECRET);
    expect(`${Object.values(c).join(',')}`).not.toContain(SECRET);
    expect(JSON.stringify({ nested: { c } })).not.toContain(SECRET);
    expect(c.revealSecret()).toBe(SECRET);
  });

  it('compares key pairs by value', () => {
    const a = new Credentials({ accessKeyId: 'id', accessKeySecret: 's' });
    expect(a.sameAs(new Credentials({ accessKeyId: 'id', accessKeySecret: 's' }))).toBe(true);
    expect(a.sameAs(new Credentials({ accessKeyId: 'id', accessKeySecret: 't' }))).toBe(false);
  });
});

describe('EnvironmentCredentialSource', () => {
  it('reads the OSS SDK variables with an optional session token', async () => {
    const c = await new EnvironmentCredentialSource({ OSS_ACCESS_KEY_ID: 'id', OSS_ACCESS_KEY_SECRET: 'sec', OSS_SESSION_TOKEN: 'tok' }).resolve();
    expect(c.accessKeyId).toBe('id');
    expect(c.revealSecret()).toBe('sec');
    expect(c.securityToken).toBe('tok');
  });

  it('falls back to ALIBABA_CLOUD_* variables', async () => {
    const c = await new EnvironmentCredentialSource({
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'aid',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'asec',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'atok',
    }).resolve();
    expect([c.accessKeyId, c.securityToken]).toEqual(['aid', 'atok']);
  });

  it('keeps the same credentials object while the values do not change', async () => {
    const source = new EnvironmentCredentialSource({ OSS_ACCESS_KEY_ID: 'id', OSS_ACCESS_KEY_SECRET: 'sec' });
    expect(await source.resolve()).toBe(await source.resolve());
  });

  it('names the variables to set when there are none', async () => {
    await expect(new EnvironmentCredentialSource({}).resolve()).rejects.toThrow(
      /no OSS credentials found: set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET.*ALIBABA_CLOUD_ACCESS_KEY_ID/,
    );
  });

  it('names the missing half of a key pair, without echoing the other', () => {
    expect(() => credentialsFromOssVariables({ OSS_ACCESS_KEY_ID: 'id' })).toThrow(/OSS_ACCESS_KEY_SECRET is not set/);
    try {
      credentialsFromOssVariables({ OSS_ACCESS_KEY_SECRET: SECRET });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(SECRET);
      expect(String((error as Error).message)).toContain('OSS_ACCESS_KEY_ID is not set');
    }
  });
});
