import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RAMRoleARNCredentialsProvider, StaticAKCredentialsProvider } from '@alicloud/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OssEmulator } from '../../src/emulator/OssEmulator.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET } from './emulatorFixture.js';

/**
 * `@alicloud/credentials`' RAMRoleARNCredentialsProvider always calls
 * `https://<stsEndpoint>/` (query + form body split, HMAC-SHA1). With the
 * emulator's `tls` option it can be pointed at the emulator. The certificate
 * is made with openssl for the test (skipped without it); the client process
 * must trust it, here by NODE_TLS_REJECT_UNAUTHORIZED=0 for this test only.
 */

const hasOpenssl = ((): boolean => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOpenssl)('OssEmulator over TLS with @alicloud/credentials', () => {
  let dir: string;
  let emulator: OssEmulator;
  let now = Date.now();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ossduck-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    emulator = await OssEmulator.start({
      root: join(dir, 'root'),
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: ACCESS_KEY_SECRET,
      clock: () => now,
      tls: { key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) },
    });
  });

  afterAll(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  function provider(secret: string, seconds = 3600): RAMRoleARNCredentialsProvider {
    return RAMRoleARNCredentialsProvider.builder()
      .withCredentialsProvider(StaticAKCredentialsProvider.builder().withAccessKeyId(ACCESS_KEY_ID).withAccessKeySecret(secret).build())
      .withRoleArn('acs:ram::1234567890123456:role/aliyunodpsdefaultrole')
      .withRoleSessionName('credentials-provider')
      .withDurationSeconds(seconds)
      .withStsEndpoint(`127.0.0.1:${emulator.port}`)
      .build();
  }

  it('serves https and gets credentials to RAMRoleARNCredentialsProvider', async () => {
    expect(emulator.ossUrl).toBe(`https://127.0.0.1:${emulator.port}`);
    const previous = process.env['NODE_TLS_REJECT_UNAUTHORIZED'];
    process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';
    try {
      now = Date.now();
      const credentials = await provider(ACCESS_KEY_SECRET).getCredentials();
      expect(credentials.accessKeyId).toMatch(/^STS\./);
      expect(credentials.securityToken).toMatch(/^CAIS/);
      expect(credentials.providerName).toBe('ram_role_arn/static_ak');
      // The provider compares our string to sign with its own to tell a wrong secret.
      await expect(provider('wrong-secret').getCredentials()).rejects.toThrow('the access key secret is invalid');
    } finally {
      if (previous === undefined) delete process.env['NODE_TLS_REJECT_UNAUTHORIZED'];
      else process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = previous;
    }
  });
});
