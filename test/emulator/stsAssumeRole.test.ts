import { randomUUID } from 'node:crypto';
import * as stsModule from '@alicloud/sts20150401';
import { AssumeRoleRequest } from '@alicloud/sts20150401';
import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { rpcSignature, rpcStringToSign } from '../../src/emulator/RpcSignature.js';
import { percentEncode } from '../../src/oss/signing/percentEncode.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';
import { getUrl, rawRequest, signedRequest, xmlField, emulatorPresigner } from './httpClient.js';

/**
 * STS AssumeRole through the official clients, and the temporary credentials
 * it issues used on OSS: valid while the token lives, only with its own key.
 */

// The package is CommonJS with `exports.default`: Node's ESM loader and vitest's
// interop disagree on what a default import gives, so take the class from either.
type StsClientClass = typeof stsModule.default.default;
type StsClient = InstanceType<StsClientClass>;
const loaded = stsModule.default as unknown as StsClientClass | { default: StsClientClass };
const StsClient: StsClientClass = 'default' in loaded ? loaded.default : loaded;

const ROLE_ARN = 'acs:ram::1234567890123456:role/aliyunodpsdefaultrole';
let env: Running;

beforeAll(async () => {
  env = await startEmulator({ buckets: ['bkt'] });
  env.now = Date.now();
  expect((await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'sts/read-me.txt', body: Buffer.from('for STS readers') })).status).toBe(200);
});

afterAll(async () => {
  await env.close();
});

interface Issued {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  expiration: string;
}

type StsConfig = ConstructorParameters<StsClientClass>[0];

function stsClient(options: { signatureAlgorithm?: string; secret?: string; keyId?: string } = {}): StsClient {
  return new StsClient({
    accessKeyId: options.keyId ?? ACCESS_KEY_ID,
    accessKeySecret: options.secret ?? ACCESS_KEY_SECRET,
    endpoint: `127.0.0.1:${env.emulator.port}`,
    protocol: 'http',
    ...(options.signatureAlgorithm ? { signatureAlgorithm: options.signatureAlgorithm } : {}),
  } as StsConfig);
}

async function assumeRole(client: StsClient, request: Partial<{ roleArn: string; roleSessionName: string; durationSeconds: number }> = {}): Promise<Issued> {
  const response = await client.assumeRole(new AssumeRoleRequest({ roleArn: ROLE_ARN, roleSessionName: 'ossduck-test', ...request }));
  expect(response.statusCode).toBe(200);
  const c = response.body?.credentials;
  return { accessKeyId: c?.accessKeyId ?? '', accessKeySecret: c?.accessKeySecret ?? '', securityToken: c?.securityToken ?? '', expiration: c?.expiration ?? '' };
}

function ossWith(issued: Issued, overrides: Partial<Issued> = {}, v4 = false): OSS {
  const c = { ...issued, ...overrides };
  return new OSS({
    region: 'oss-cn-hangzhou',
    endpoint: `http://127.0.0.1:${env.emulator.port}`,
    accessKeyId: c.accessKeyId,
    accessKeySecret: c.accessKeySecret,
    stsToken: c.securityToken,
    refreshSTSTokenInterval: 3_600_000,
    bucket: 'bkt',
    authorizationV4: v4,
  } as OSS.Options);
}

/** A classic RPC request, signed by hand (GET, every parameter in the query). */
function rpcRequest(params: Record<string, string>, secret = ACCESS_KEY_SECRET) {
  const all: [string, string][] = Object.entries({
    Action: 'AssumeRole',
    Version: '2015-04-01',
    Format: 'JSON',
    AccessKeyId: ACCESS_KEY_ID,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: randomUUID(),
    Timestamp: new Date(env.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    RoleArn: ROLE_ARN,
    RoleSessionName: 'hand-built',
    ...params,
  });
  const signature = rpcSignature(secret, rpcStringToSign('GET', all));
  const query = [...all, ['Signature', signature]].map(([k, v]) => `${percentEncode(k!)}=${percentEncode(v!)}`).join('&');
  return rawRequest(env.emulator.port, 'GET', `/?${query}`);
}

describe('OssEmulator STS', () => {
  it('rpcSignature reproduces the signature vector of the RPC signing doc', () => {
    const params: [string, string][] = [
      ['UserName', 'test'], ['SignatureVersion', '1.0'], ['Format', 'JSON'], ['Timestamp', '2015-08-18T03:15:45Z'],
      ['AccessKeyId', 'testid'], ['SignatureMethod', 'HMAC-SHA1'], ['Version', '2015-05-01'], ['Action', 'CreateUser'],
      ['SignatureNonce', '6a6e0ca6-4557-11e5-86a2-b8e8563dc8d2'],
    ];
    const stringToSign = rpcStringToSign('GET', params);
    expect(stringToSign).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreateUser%26Format%3DJSON%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D6a6e0ca6-4557-11e5-86a2-b8e8563dc8d2%26SignatureVersion%3D1.0%26Timestamp%3D2015-08-18T03%253A15%253A45Z%26UserName%3Dtest%26Version%3D2015-05-01',
    );
    expect(rpcSignature('testsecret', stringToSign)).toBe('kRA2cnpJVacIhDMzXnoNZG9tDCI=');
  });

  for (const [name, algorithm] of [['ACS3-HMAC-SHA256 (the default)', undefined], ['RPC HMAC-SHA1 (signatureAlgorithm v2)', 'v2']] as const) {
    it(`issues credentials to @alicloud/sts20150401 with ${name} that sign OSS requests`, async () => {
      env.now = Date.now();
      const issued = await assumeRole(stsClient({ signatureAlgorithm: algorithm }), { durationSeconds: 900 });
      expect(issued.accessKeyId).toMatch(/^STS\.[A-Za-z0-9]{24}$/);
      expect(issued.accessKeySecret.length).toBeGreaterThanOrEqual(30);
      expect(issued.securityToken).toMatch(/^CAIS/);
      expect(issued.expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Date.parse(issued.expiration) - Math.floor(env.now / 1000) * 1000).toBe(900_000);

      for (const v4 of [false, true]) {
        const oss = ossWith(issued, {}, v4);
        await oss.put(`sts/${algorithm ?? 'acs3'}-${v4}.txt`, Buffer.from('written with STS'));
        expect((await oss.get(`sts/${algorithm ?? 'acs3'}-${v4}.txt`)).content.toString()).toBe('written with STS');
      }
    });
  }

  it('issues credentials to ali-oss\'s STS client (form POST, millisecond Timestamp)', async () => {
    env.now = Date.now();
    const sts = new OSS.STS({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, endpoint: `http://127.0.0.1:${env.emulator.port}` } as never);
    const result = (await sts.assumeRole(ROLE_ARN, undefined, 3600, 'ali-oss-sts')) as unknown as { credentials: Record<string, string> };
    const c = result.credentials;
    const issued: Issued = { accessKeyId: c['AccessKeyId']!, accessKeySecret: c['AccessKeySecret']!, securityToken: c['SecurityToken']!, expiration: c['Expiration']! };
    expect((await ossWith(issued).get('sts/read-me.txt')).content.toString()).toBe('for STS readers');
  });

  it('makes presigned URLs with a token that work until the token expires', async () => {
    env.now = Date.now();
    const issued = await assumeRole(stsClient(), { durationSeconds: 900 });
    const credentials = new Credentials({ accessKeyId: issued.accessKeyId, accessKeySecret: issued.accessKeySecret, securityToken: issued.securityToken });
    const urls = (['v1', 'v4'] as const).map((version) =>
      emulatorPresigner(env, { version, credentials, expiresIn: 3600 }).url('sts/read-me.txt'),
    );
    for (const url of urls) expect((await getUrl(url)).text).toBe('for STS readers');
    env.now += 901_000;
    for (const url of urls) {
      const res = await getUrl(url);
      expect(res.status).toBe(403);
      expect(xmlField(res.text, 'Code')).toBe('SecurityTokenExpired');
      expect(xmlField(res.text, 'Message')).toBe('The security token you provided has expired.');
    }
    env.now = Date.now();
  });

  it('refuses a wrong token, another token, a wrong temporary secret, and an expired token', async () => {
    env.now = Date.now();
    const issued = await assumeRole(stsClient(), { durationSeconds: 900 });
    const other = await assumeRole(stsClient());
    await expect(ossWith(issued, { securityToken: 'CAISforgedtoken' }).get('sts/read-me.txt')).rejects.toMatchObject({
      status: 403,
      code: 'InvalidSecurityToken',
    });
    await expect(ossWith(issued, { securityToken: other.securityToken }).get('sts/read-me.txt')).rejects.toMatchObject({
      status: 403,
      code: 'AccessKeyIdAndSecurityTokenNotMatch',
    });
    await expect(ossWith(issued, { accessKeySecret: other.accessKeySecret }).get('sts/read-me.txt')).rejects.toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    // The account's own key with a token, and a temporary key without one.
    await expect(ossWith(issued, { accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET }).get('sts/read-me.txt')).rejects.toMatchObject({
      status: 403,
      code: 'InvalidAccessKeyId',
    });
    const noToken = await signedRequest(env, {
      method: 'GET',
      bucket: 'bkt',
      key: 'sts/read-me.txt',
      credentials: new Credentials({ accessKeyId: issued.accessKeyId, accessKeySecret: issued.accessKeySecret }),
    });
    expect(xmlField(noToken.text, 'Code')).toBe('InvalidAccessKeyId');

    // Header-signed requests from the (moved) emulator clock, so the skew rule does not interfere.
    const read = (c: Issued) =>
      signedRequest(env, {
        method: 'GET',
        bucket: 'bkt',
        key: 'sts/read-me.txt',
        credentials: new Credentials({ accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken }),
      });
    expect((await read(issued)).status).toBe(200);
    env.now = Date.parse(issued.expiration);
    const expired = await read(issued);
    expect(expired.status).toBe(403);
    expect(xmlField(expired.text, 'Code')).toBe('SecurityTokenExpired');
    expect(expired.headers['x-oss-ec']).toBe('0002-00000007');
    // The other token (3600 s) is still good.
    expect((await read(other)).status).toBe(200);
    env.now = Date.now();
  });

  it('refuses a hand-built RPC request with a wrong signature, saying what it signed', async () => {
    env.now = Date.now();
    const good = await rpcRequest({});
    expect(good.status).toBe(200);
    expect(JSON.parse(good.text).Credentials.AccessKeyId).toMatch(/^STS\./);

    const bad = await rpcRequest({}, 'not-the-secret');
    expect(bad.status).toBe(400);
    const body = JSON.parse(bad.text) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['RequestId', 'HostId', 'Code', 'Message', 'Recommend']);
    expect(body['Code']).toBe('SignatureDoesNotMatch');
    expect(body['Message']).toMatch(/^Specified signature is not matched with our calculation\. server string to sign is:GET&%2F&AccessKeyId%3D/);
    expect(bad.text).not.toContain(ACCESS_KEY_SECRET);
    expect(bad.headers['content-type']).toBe('application/json;charset=utf-8');
  });

  it('answers in STS\'s JSON shape', async () => {
    env.now = Date.now();
    const res = await rpcRequest({ DurationSeconds: '43200' });
    const body = JSON.parse(res.text) as { Credentials: Record<string, string>; AssumedRoleUser: Record<string, string>; RequestId: string };
    expect(Object.keys(body)).toEqual(['Credentials', 'AssumedRoleUser', 'RequestId']);
    expect(Object.keys(body.Credentials)).toEqual(['AccessKeyId', 'AccessKeySecret', 'Expiration', 'SecurityToken']);
    expect(body.AssumedRoleUser['Arn']).toBe('acs:ram::1234567890123456:role/aliyunodpsdefaultrole/hand-built');
    expect(body.AssumedRoleUser['AssumedRoleId']).toMatch(/^\d{17}:hand-built$/);
    expect(body.RequestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(Date.parse(body.Credentials['Expiration']!) - Math.floor(env.now / 1000) * 1000).toBe(43200_000);
    const xml = await rpcRequest({ Format: 'XML' });
    expect(xml.headers['content-type']).toBe('text/xml;charset=utf-8');
    expect(xml.text).toMatch(/^<\?xml version='1\.0' encoding='UTF-8'\?><AssumeRoleResponse><RequestId>/);
  });

  const INVALID: readonly [Record<string, string>, number, string][] = [
    [{ RoleArn: 'acs:ram::abc:role/x' }, 400, 'InvalidParameter.RoleArn'],
    [{ RoleArn: 'arn:aws:iam::123:role/x' }, 400, 'InvalidParameter.RoleArn'],
    [{ RoleArn: '' }, 400, 'MissingRoleArn'],
    [{ RoleSessionName: 'x' }, 400, 'InvalidParameter.RoleSessionName'],
    [{ RoleSessionName: 'has space' }, 400, 'InvalidParameter.RoleSessionName'],
    [{ DurationSeconds: '899' }, 400, 'InvalidParameter.DurationSeconds'],
    [{ DurationSeconds: '43201' }, 400, 'InvalidParameter.DurationSeconds'],
    [{ DurationSeconds: 'soon' }, 400, 'InvalidParameter.DurationSeconds'],
    [{ Policy: '{not json' }, 400, 'InvalidParameter.PolicyGrammar'],
    [{ AccessKeyId: 'LTAI5tUnknown' }, 404, 'InvalidAccessKeyId.NotFound'],
    [{ Action: 'DeleteRole' }, 404, 'InvalidAction.NotFound'],
    [{ Version: '2099-01-01' }, 400, 'InvalidParameter'],
    [{ SignatureMethod: 'HMAC-MD5' }, 400, 'InvalidSignatureMethod'],
    [{ Timestamp: '2001-01-01T00:00:00Z' }, 400, 'InvalidTimeStamp.Expired'],
    [{ Timestamp: 'yesterday' }, 400, 'IllegalTimestamp'],
  ];
  for (const [params, status, code] of INVALID) {
    it(`refuses ${JSON.stringify(params)} with ${status} ${code}`, async () => {
      env.now = Date.now();
      const res = await rpcRequest(params);
      expect(res.status).toBe(status);
      expect(JSON.parse(res.text).Code).toBe(code);
    });
  }

  it('refuses a reused SignatureNonce', async () => {
    env.now = Date.now();
    const nonce = randomUUID();
    expect((await rpcRequest({ SignatureNonce: nonce })).status).toBe(200);
    const again = await rpcRequest({ SignatureNonce: nonce });
    expect(JSON.parse(again.text).Code).toBe('SignatureNonceUsed');
  });

  it('reports sts20150401 errors as its ClientError with the STS code', async () => {
    env.now = Date.now();
    await expect(assumeRole(stsClient({ secret: 'wrong' }))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch', statusCode: 400 });
    await expect(assumeRole(stsClient({ signatureAlgorithm: 'v2', secret: 'wrong' }))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    await expect(assumeRole(stsClient(), { durationSeconds: 100 })).rejects.toMatchObject({ code: 'InvalidParameter.DurationSeconds' });
    await expect(assumeRole(stsClient({ keyId: 'LTAI5tUnknown' }))).rejects.toMatchObject({ code: 'InvalidAccessKeyId.NotFound', statusCode: 404 });
  });

  it('lets temporary credentials assume a role again (role chaining)', async () => {
    env.now = Date.now();
    const first = await assumeRole(stsClient());
    const chained = await assumeRole(
      new StsClient({
        accessKeyId: first.accessKeyId,
        accessKeySecret: first.accessKeySecret,
        securityToken: first.securityToken,
        endpoint: `127.0.0.1:${env.emulator.port}`,
        protocol: 'http',
      } as StsConfig),
    );
    expect(chained.accessKeyId).not.toBe(first.accessKeyId);
    expect((await ossWith(chained).get('sts/read-me.txt')).res.status).toBe(200);
  });

  it('never writes an issued secret or token to the log or the storage root', async () => {
    env.now = Date.now();
    const issued = await assumeRole(stsClient());
    await ossWith(issued).put('sts/logged.txt', Buffer.from('x'));
    const log = env.logs.join('\n');
    expect(log).not.toContain(issued.accessKeySecret);
    expect(log).not.toContain(issued.securityToken.slice(0, 40));
    expect(log).not.toContain(ACCESS_KEY_SECRET);
    const { readdir, readFile } = await import('node:fs/promises');
    const files = (await readdir(env.root, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
    for (const file of files) {
      const text = await readFile(`${file.parentPath}/${file.name}`, 'utf8');
      expect(text).not.toContain(issued.accessKeySecret);
      expect(text).not.toContain(ACCESS_KEY_SECRET);
    }
  });
});
