import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { signHeaderV1 } from '../../src/oss/signing/HeaderSigner.js';
import { deriveSigningKey } from '../../src/oss/signing/SignatureV4.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';
import { accountCredentials, rawRequest, signedRequest, xmlField } from './httpClient.js';

/** OSS's error responses, and input that must be refused without harm. */

let env: Running;

beforeAll(async () => {
  env = await startEmulator({ buckets: ['bkt'] });
  expect((await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'there.txt', body: Buffer.from('here') })).status).toBe(200);
});

afterAll(async () => {
  await env.close();
});

/** Raw bytes over a socket: the one way to send a PUT with neither Content-Length nor Transfer-Encoding. */
function socketRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(env.emulator.port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      if (/\r\n\r\n/.test(data) && /<\/Error>\n$|Content-Length: 0\r\n\r\n$/.test(data)) socket.end();
    });
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

async function putWithoutLength(): Promise<{ status: number; text: string }> {
  const signed = signHeaderV1({ method: 'PUT', bucket: 'bkt', key: 'nolength.txt' }, { credentials: accountCredentials, signTime: Math.floor(env.now / 1000) });
  const lines = [`PUT /bkt/nolength.txt HTTP/1.1`, `Host: 127.0.0.1:${env.emulator.port}`, ...signed.headers.map(([n, v]) => `${n}: ${v}`), 'Connection: close'];
  const reply = await socketRequest(`${lines.join('\r\n')}\r\n\r\n`);
  return { status: Number(reply.slice(9, 12)), text: reply.slice(reply.indexOf('\r\n\r\n') + 4) };
}

function elementNames(xml: string): string[] {
  return [...xml.matchAll(/^ {2}<([A-Za-z]+)>/gm)].map((m) => m[1]!);
}

describe('OssEmulator error responses', () => {
  it('NoSuchKey: OSS XML, request id in header and body, x-oss-ec', async () => {
    const res = await signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'missing.txt' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/xml');
    expect(res.headers['server']).toBe('AliyunOSS');
    const id = res.headers['x-oss-request-id'] as string;
    expect(id).toMatch(/^[0-9A-F]{24}$/);
    expect(res.text).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchKey</Code>
  <Message>The specified key does not exist.</Message>
  <RequestId>${id}</RequestId>
  <HostId>127.0.0.1:${env.emulator.port}</HostId>
  <Key>missing.txt</Key>
  <EC>0026-00000001</EC>
  <RecommendDoc>https://api.aliyun.com/troubleshoot?q=0026-00000001</RecommendDoc>
</Error>
`);
    expect(res.headers['x-oss-ec']).toBe('0026-00000001');
  });

  it('HEAD errors have no body; the XML rides base64 in x-oss-err', async () => {
    const res = await signedRequest(env, { method: 'HEAD', bucket: 'bkt', key: 'missing.txt' });
    expect(res.status).toBe(404);
    expect(res.body.length).toBe(0);
    expect(res.headers['x-oss-ec']).toBe('0026-00000001');
    const xml = Buffer.from(res.headers['x-oss-err'] as string, 'base64').toString('utf8');
    expect(xmlField(xml, 'Code')).toBe('NoSuchKey');
  });

  it('NoSuchBucket names the bucket', async () => {
    const res = await signedRequest(env, { method: 'GET', bucket: 'nobucket', key: 'x' });
    expect(res.status).toBe(404);
    expect(elementNames(res.text)).toEqual(['Code', 'Message', 'RequestId', 'HostId', 'BucketName', 'EC', 'RecommendDoc']);
    expect(xmlField(res.text, 'BucketName')).toBe('nobucket');
  });

  it('SignatureDoesNotMatch (V1) lists what OSS lists, in its order, and no secret', async () => {
    const res = await rawRequest(env.emulator.port, 'GET', '/bkt/there.txt', [
      ['Date', new Date(env.now).toUTCString()],
      ['Authorization', `OSS ${ACCESS_KEY_ID}:bm90IGl0`],
    ]);
    expect(res.status).toBe(403);
    expect(elementNames(res.text)).toEqual([
      'Code', 'Message', 'RequestId', 'HostId', 'OSSAccessKeyId', 'SignatureProvided', 'StringToSign', 'StringToSignBytes', 'EC', 'RecommendDoc',
    ]);
    const stringToSign = `GET\n\n\n${new Date(env.now).toUTCString()}\n/bkt/there.txt`;
    expect(xmlField(res.text, 'StringToSign')).toBe(stringToSign);
    expect(xmlField(res.text, 'StringToSignBytes')).toBe(
      [...Buffer.from(stringToSign)].map((b) => `${b.toString(16).toUpperCase().padStart(2, '0')} `).join(''),
    );
    expect(xmlField(res.text, 'SignatureProvided')).toBe('bm90IGl0');
    expect(res.text).not.toContain(ACCESS_KEY_SECRET);
  });

  it('SignatureDoesNotMatch (V4) shows CanonicalRequest and StringToSign, never the secret or the signing key', async () => {
    const res = await signedRequest(env, {
      method: 'GET',
      bucket: 'bkt',
      key: 'there.txt',
      credentials: new Credentials({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: 'wrong-secret' }),
    });
    expect(res.status).toBe(403);
    expect(elementNames(res.text)).toEqual([
      'Code', 'Message', 'RequestId', 'HostId', 'OSSAccessKeyId', 'SignatureProvided', 'CanonicalRequest', 'StringToSign', 'EC', 'RecommendDoc',
    ]);
    expect(xmlField(res.text, 'CanonicalRequest')).toMatch(/^GET\n\/bkt\/there\.txt\n\n.*x-oss-content-sha256:UNSIGNED-PAYLOAD\n/s);
    expect(xmlField(res.text, 'StringToSign')).toMatch(/^OSS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/cn-hangzhou\/oss\/aliyun_v4_request\n[0-9a-f]{64}$/);
    const date = new Date(env.now).toISOString().slice(0, 10).replaceAll('-', '');
    const derived = deriveSigningKey(ACCESS_KEY_SECRET, date, 'cn-hangzhou', 'oss');
    for (const secretForm of [ACCESS_KEY_SECRET, derived.toString('hex'), derived.toString('base64')]) expect(res.text).not.toContain(secretForm);
  });

  for (const version of ['v1', 'v4'] as const) {
    it(`RequestTimeTooSkewed for a ${version} header signature 16 minutes off`, async () => {
      const res = await signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'there.txt', version, signTime: Math.floor(env.now / 1000) - 16 * 60 });
      expect(res.status).toBe(403);
      expect(xmlField(res.text, 'Code')).toBe('RequestTimeTooSkewed');
      expect(xmlField(res.text, 'MaxAllowedSkewMilliseconds')).toBe('900000');
      expect(elementNames(res.text).slice(4, 7)).toEqual(['MaxAllowedSkewMilliseconds', 'RequestTime', 'ServerTime']);
      expect(res.headers['x-oss-ec']).toBe('0002-00000504');
    });
  }

  it('an anonymous request is AccessDenied', async () => {
    const res = await rawRequest(env.emulator.port, 'GET', '/bkt/there.txt');
    expect(res.status).toBe(403);
    expect(xmlField(res.text, 'Code')).toBe('AccessDenied');
    expect(res.headers['x-oss-ec']).toBe('0003-00000001');
  });

  it('an unknown AccessKeyId is InvalidAccessKeyId and names it', async () => {
    const res = await rawRequest(env.emulator.port, 'GET', '/bkt/there.txt', [['Date', new Date(env.now).toUTCString()], ['Authorization', 'OSS LTAI5tSomeoneElse:sig']]);
    expect(res.status).toBe(403);
    expect(xmlField(res.text, 'Code')).toBe('InvalidAccessKeyId');
    expect(xmlField(res.text, 'OSSAccessKeyId')).toBe('LTAI5tSomeoneElse');
  });

  it('checks Content-MD5 and a real x-oss-content-sha256 against the body', async () => {
    const body = Buffer.from('payload');
    const goodMd5 = createHash('md5').update(body).digest('base64');
    expect((await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'md5.txt', body, headers: [['Content-MD5', goodMd5]] })).status).toBe(200);
    const badMd5 = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'md5.txt', body: Buffer.from('other'), headers: [['Content-MD5', goodMd5]] });
    expect(badMd5.status).toBe(400);
    expect(xmlField(badMd5.text, 'Code')).toBe('InvalidDigest');
    expect((await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'md5.txt', body, headers: [['Content-MD5', 'nope']] })).status).toBe(400);
    const sha = createHash('sha256').update(body).digest('hex');
    expect((await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'sha.txt', body, headers: [['x-oss-content-sha256', sha]] })).status).toBe(200);
    const badSha = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'sha.txt', body: Buffer.from('other'), headers: [['x-oss-content-sha256', sha]] });
    expect(badSha.status).toBe(400);
    // The failed uploads left the stored object as it was.
    expect((await signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'md5.txt' })).text).toBe('payload');
  });

  it('honours x-oss-forbid-overwrite and conditional GETs', async () => {
    const forbid = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'there.txt', body: Buffer.from('x'), headers: [['x-oss-forbid-overwrite', 'true']] });
    expect(forbid.status).toBe(409);
    expect(xmlField(forbid.text, 'Code')).toBe('FileAlreadyExists');
    const head = await signedRequest(env, { method: 'HEAD', bucket: 'bkt', key: 'there.txt' });
    const etag = head.headers['etag'] as string;
    expect((await signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'there.txt', headers: [['If-None-Match', etag]] })).status).toBe(304);
    const failed = await signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'there.txt', headers: [['If-Match', '"0000"']] });
    expect(failed.status).toBe(412);
    expect(xmlField(failed.text, 'Code')).toBe('PreconditionFailed');
    expect((await signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'there.txt', headers: [['If-Match', etag]] })).text).toBe('here');
  });

  const MALFORMED: readonly [string, () => Promise<{ status: number; text: string }>, number, string][] = [
    ['a V1 Authorization without a colon', () => rawRequest(env.emulator.port, 'GET', '/bkt/x', [['Authorization', 'OSS nocolon']]), 400, 'InvalidArgument'],
    ['an unknown scheme', () => rawRequest(env.emulator.port, 'GET', '/bkt/x', [['Authorization', 'Bearer abc']]), 400, 'InvalidArgument'],
    ['a V4 credential with no scope', () => rawRequest(env.emulator.port, 'GET', '/bkt/x', [['Authorization', 'OSS4-HMAC-SHA256 Credential=ak,Signature=00']]), 400, 'InvalidArgument'],
    ['a V4 header without x-oss-date', () => rawRequest(env.emulator.port, 'GET', '/bkt/x', [['Authorization', 'OSS4-HMAC-SHA256 Credential=ak/20240101/cn-hangzhou/oss/aliyun_v4_request,Signature=00']]), 403, 'AccessDenied'],
    ['a path that is not UTF-8', () => rawRequest(env.emulator.port, 'GET', '/bkt/%E0%A4%A'), 400, 'InvalidURI'],
    ['a bucket name OSS refuses', () => rawRequest(env.emulator.port, 'GET', '/Bad_Bucket/x'), 400, 'InvalidBucketName'],
    ['a key over 1023 bytes', () => rawRequest(env.emulator.port, 'GET', `/bkt/${'k'.repeat(1024)}`), 400, 'InvalidObjectName'],
    ['a V1 URL missing Expires', () => rawRequest(env.emulator.port, 'GET', `/bkt/x?OSSAccessKeyId=${ACCESS_KEY_ID}&Signature=abc`), 403, 'AccessDenied'],
    ['a V1 URL whose Expires is not a number', () => rawRequest(env.emulator.port, 'GET', `/bkt/x?OSSAccessKeyId=${ACCESS_KEY_ID}&Signature=abc&Expires=soon`), 403, 'AccessDenied'],
    ['a V4 URL with another algorithm', () => rawRequest(env.emulator.port, 'GET', '/bkt/x?x-oss-signature-version=AWS4-HMAC-SHA256&x-oss-signature=00'), 400, 'InvalidArgument'],
    ['both a header and a query signature', () => rawRequest(env.emulator.port, 'GET', `/bkt/x?OSSAccessKeyId=a&Expires=1&Signature=b`, [['Authorization', 'OSS a:b']]), 400, 'InvalidArgument'],
    ['an object sub-resource the emulator lacks', () => signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'there.txt', query: [['acl', null]] }), 501, 'NotImplemented'],
    ['a method objects do not have', () => signedRequest(env, { method: 'PATCH', bucket: 'bkt', key: 'there.txt' }), 405, 'MethodNotAllowed'],
    ['a PUT without Content-Length', () => putWithoutLength(), 411, 'MissingContentLength'],
  ];
  for (const [what, send, status, code] of MALFORMED) {
    it(`refuses ${what} with ${status} ${code}`, async () => {
      const res = await send();
      expect(res.status).toBe(status);
      expect(xmlField(res.text, 'Code')).toBe(code);
    });
  }

  it('survives bytes that are not HTTP, and answers the next request', async () => {
    const reply = await socketRequest('GARBAGE \u0000\u0001 NOT HTTP\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await signedRequest(env, { method: 'GET', bucket: 'bkt', key: 'there.txt' })).status).toBe(200);
  });

  it('answers random malformed requests with a 4xx OSS error and never a 500', async () => {
    const PIECES = ['%', '%2', '%2e', '%2E%2E', '..', '.', '/', '//', 'bkt', 'a', '\\', '%FF', '%00', '%C0%AF', '~', '+', '&', '=', '?', '%3F', ';', '*'];
    const AUTH = ['', 'OSS', 'OSS :', `OSS ${ACCESS_KEY_ID}:x`, 'OSS4-HMAC-SHA256', 'OSS4-HMAC-SHA256 Credential=/////,Signature=', 'OSS4-HMAC-SHA256 ,,,=,'];
    const QUERY = ['', 'list-type=2', 'max-keys=-1', 'OSSAccessKeyId=a&Expires=9999999999&Signature=x', 'x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=a%2F1%2F2%2Foss%2Faliyun_v4_request&x-oss-date=x&x-oss-expires=1&x-oss-signature=1', 'acl', 'continuation-token=%FF', 'Action', 'Action=AssumeRole', '%ZZ=1'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE', 'POST', 'OPTIONS'),
        fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }),
        fc.constantFrom(...QUERY),
        fc.constantFrom(...AUTH),
        fc.constantFrom('', 'bytes=-', 'bytes=9-1', 'Tue, 99 Foo 2024'),
        async (method, pieces, query, auth, junk) => {
          const headers: [string, string][] = [];
          if (auth !== '') headers.push(['Authorization', auth]);
          if (junk !== '') headers.push(['Range', junk], ['x-oss-date', junk], ['Date', junk]);
          const res = await rawRequest(env.emulator.port, method, `/${pieces.join('')}${query ? `?${query}` : ''}`, headers, method === 'PUT' ? Buffer.from('x') : undefined);
          expect(res.status, `${method} /${pieces.join('')}?${query} ${auth}`).toBeGreaterThanOrEqual(400);
          expect(res.status === 501 || res.status < 500).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
    expect(env.logs.filter((l) => l.includes('internal error'))).toEqual([]);
  });
});
