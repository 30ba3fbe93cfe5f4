import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import { ACCESS_KEY_ID, allFiles, startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';
import { getUrl, rawRequest, signedRequest, xmlField, emulatorPresigner } from './httpClient.js';

/**
 * Hostile input at the socket and HTTP level: bytes that are not HTTP,
 * oversized or smuggling-shaped headers, bodies that stop halfway, repeated
 * and malformed signature parameters, expiries that are not numbers, unknown
 * signature versions, keys that try to leave the root in every encoding,
 * bucket names OSS refuses. Each gets its OSS answer (or, where no request
 * could be read, a plain 400 and a closed connection), nothing lands outside
 * the root, and the emulator goes on serving a valid presigned GET.
 */

let env: Running;
const CONTENT = 'the one real object';

beforeAll(async () => {
  env = await startEmulator({ buckets: ['bkt'] });
  env.now = Date.now();
  expect((await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'there.txt', body: Buffer.from(CONTENT) })).status).toBe(200);
});

afterAll(async () => {
  expect(env.logs.filter((l) => l.includes('internal error'))).toEqual([]);
  await env.close();
});

function presigner(version: 'v1' | 'v4', method = 'GET'): Presigner {
  return emulatorPresigner(env, { version, method });
}

/** The emulator still answers a valid presigned GET with the object. */
async function stillServes(): Promise<void> {
  for (const version of ['v4', 'v1'] as const) {
    const res = await getUrl(presigner(version).url('there.txt'));
    expect(res.status, `${version} presigned GET after hostile input`).toBe(200);
    expect(res.text).toBe(CONTENT);
  }
}

/**
 * Writes raw bytes to a fresh connection and collects everything the server
 * sends until it closes the connection (it must, within the deadline).
 */
function exchange(bytes: string | Buffer, deadlineMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(env.emulator.port, '127.0.0.1', () => socket.write(bytes));
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server neither answered nor closed within ${deadlineMs} ms; got ${JSON.stringify(data.slice(0, 200))}`));
    }, deadlineMs);
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', () => undefined); // a reset after the answer is fine
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

function statusOf(reply: string): number {
  return Number(/^HTTP\/1\.1 (\d{3}) /.exec(reply)?.[1] ?? 0);
}

function codeOf(reply: string): string | undefined {
  return xmlField(reply, 'Code');
}

describe('OssEmulator at the socket: input that is not (good) HTTP', () => {
  const host = (): string => `Host: 127.0.0.1:${env.emulator.port}`;
  const CASES: readonly [string, () => string | Buffer][] = [
    ['bytes that are not HTTP', () => 'GARBAGE \u0000\u0001\u00ff NOT HTTP\r\n\r\n'],
    ['an HTTP/2 preface', () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['a header line without a colon', () => `GET /bkt/there.txt HTTP/1.1\r\n${host()}\r\nNoColonHere\r\n\r\n`],
    ['a method with illegal characters', () => `G@T /bkt/there.txt HTTP/1.1\r\n${host()}\r\n\r\n`],
    ['a space inside the path', () => `GET /bkt/the re.txt HTTP/1.1\r\n${host()}\r\n\r\n`],
    ['raw (unencoded) UTF-8 bytes in the path', () => Buffer.concat([Buffer.from('GET /bkt/'), Buffer.from('中文', 'utf8'), Buffer.from(` HTTP/1.1\r\n${host()}\r\n\r\n`)])],
    ['a NUL byte in a header value', () => `GET /bkt/there.txt HTTP/1.1\r\n${host()}\r\nX-A: b\u0000c\r\n\r\n`],
    ['HTTP/1.1 without Host', () => 'GET /bkt/there.txt HTTP/1.1\r\n\r\n'],
    ['Content-Length together with Transfer-Encoding (request smuggling)', () => `PUT /bkt/x HTTP/1.1\r\n${host()}\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
    ['two different Content-Lengths', () => `PUT /bkt/x HTTP/1.1\r\n${host()}\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd`],
    ['a 100 KB header', () => `GET /bkt/there.txt HTTP/1.1\r\n${host()}\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`],
    ['a 100 KB request target', () => `GET /bkt/${'a'.repeat(100_000)} HTTP/1.1\r\n${host()}\r\n\r\n`],
    ['5,000 headers', () => `GET /bkt/there.txt HTTP/1.1\r\n${host()}\r\n${Array.from({ length: 5000 }, (_, i) => `X-H${i}: v`).join('\r\n')}\r\n\r\n`],
  ];
  for (const [what, bytes] of CASES) {
    it(`answers ${what} with 400 and closes the connection`, async () => {
      const reply = await exchange(bytes());
      expect(statusOf(reply), reply.slice(0, 200)).toBe(400);
    });
  }

  it('answers CONNECT with 405 MethodNotAllowed in OSS XML', async () => {
    const reply = await exchange(`CONNECT 127.0.0.1:22 HTTP/1.1\r\n${host()}\r\n\r\n`);
    expect(statusOf(reply)).toBe(405);
    expect(codeOf(reply)).toBe('MethodNotAllowed');
  });

  it('answers an absolute-form target that climbs as a path, never as a file: InvalidBucketName', async () => {
    const reply = await exchange(`GET http://evil.example/../../etc/passwd HTTP/1.1\r\n${host()}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(reply)).toBe(400);
    expect(codeOf(reply)).toBe('InvalidBucketName');
  });

  it('survives a client that sends half a request and hangs up', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(env.emulator.port, '127.0.0.1', () => {
        socket.write(`GET /bkt/there.txt HTTP/1.1\r\n${host()}\r\nX-Half: `);
        socket.destroy();
        resolve();
      });
    });
    await stillServes();
  });

  it('keeps the old object, and no partial one, when an upload stops halfway', async () => {
    const url = presigner('v4', 'PUT').url('there.txt');
    const path = url.slice(url.indexOf('/', 'http://'.length));
    await new Promise<void>((resolve) => {
      const socket = connect(env.emulator.port, '127.0.0.1', () => {
        socket.write(`PUT ${path} HTTP/1.1\r\nHost: 127.0.0.1:${env.emulator.port}\r\nContent-Length: 100000\r\n\r\n${'x'.repeat(5000)}`, () => {
          socket.destroy();
          resolve();
        });
      });
    });
    // The upload's temporary file goes away once the server sees the hang-up.
    const tmp = join(env.root, '.ossduck', 'tmp');
    const deadline = Date.now() + 10_000;
    while ((await readdir(tmp)).some((n) => n.endsWith('.part'))) {
      if (Date.now() > deadline) throw new Error(`upload leftovers stayed in ${tmp}: ${(await readdir(tmp)).join(', ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await stillServes();
  });

  it('still serves a valid presigned GET after all of it', async () => {
    await stillServes();
  });
});

describe('OssEmulator: repeated, malformed and unknown signature parameters', () => {
  type Case = readonly [what: string, url: () => string, status: number, code: string];
  const v4 = (): string => presigner('v4').url('there.txt');
  const v1 = (): string => presigner('v1').url('there.txt');
  const param = (url: string, name: string): string => new URL(url).searchParams.get(name) ?? '';
  const replace = (url: string, name: string, value: string): string =>
    url.replace(new RegExp(`([?&])${name}=[^&]*`), `$1${name}=${encodeURIComponent(value)}`);

  const REPEATED: Case[] = [
    ['x-oss-signature twice (junk after)', () => `${v4()}&x-oss-signature=00`, 400, 'InvalidArgument'],
    ['x-oss-signature twice (junk before)', () => v4().replace('?', '?x-oss-signature=00&'), 400, 'InvalidArgument'],
    ['x-oss-signature twice (the same value)', () => `${v4()}&x-oss-signature=${param(v4(), 'x-oss-signature')}`, 400, 'InvalidArgument'],
    ['x-oss-expires twice', () => `${v4()}&x-oss-expires=604800`, 400, 'InvalidArgument'],
    ['x-oss-credential twice', () => `${v4()}&x-oss-credential=${encodeURIComponent(param(v4(), 'x-oss-credential'))}`, 400, 'InvalidArgument'],
    ['x-oss-date twice', () => `${v4()}&x-oss-date=20300101T000000Z`, 400, 'InvalidArgument'],
    ['x-oss-security-token twice', () => `${v4()}&x-oss-security-token=a&x-oss-security-token=b`, 400, 'InvalidArgument'],
    ['Signature twice (V1)', () => `${v1()}&Signature=abc`, 400, 'InvalidArgument'],
    ['Expires twice (V1, a later one far in the future)', () => `${v1()}&Expires=9999999999`, 400, 'InvalidArgument'],
    ['OSSAccessKeyId twice (V1)', () => `${v1()}&OSSAccessKeyId=someone-else`, 400, 'InvalidArgument'],
    ['V1 and V4 parameters together', () => `${v1()}&x-oss-signature-version=OSS4-HMAC-SHA256`, 400, 'InvalidArgument'],
  ];
  const EXPIRES: Case[] = [
    ...['abc', '-1', '0', '604801', '99999999999999999999', '1e3', ' 60', '0x10', '60.5', '+60', '６０', `${'9'.repeat(5000)}`].map(
      (value): Case => [`x-oss-expires=${JSON.stringify(value.slice(0, 24))}`, () => replace(v4(), 'x-oss-expires', value), 400, 'InvalidArgument'],
    ),
    ['an empty x-oss-expires', () => replace(v4(), 'x-oss-expires', ''), 400, 'InvalidArgument'],
    ...['abc', '-1', '99999999999999999999', '1e10', ' 9999999999', '9999999999.5'].map(
      (value): Case => [`V1 Expires=${JSON.stringify(value)}`, () => replace(v1(), 'Expires', value), 403, 'AccessDenied'],
    ),
    ['a V1 Expires in the past', () => replace(v1(), 'Expires', '1'), 403, 'AccessDenied'],
  ];
  const VERSIONS: Case[] = [
    ...['OSS5-HMAC-SHA256', 'oss4-hmac-sha256', 'OSS4-HMAC-SHA1', 'AWS4-HMAC-SHA256', '', 'OSS4-HMAC-SHA256 ', 'OSS2'].map(
      (value): Case => [`x-oss-signature-version=${JSON.stringify(value)}`, () => replace(v4(), 'x-oss-signature-version', value), 400, 'InvalidArgument'],
    ),
    ['a V4 credential without product and terminator', () => replace(v4(), 'x-oss-credential', `${ACCESS_KEY_ID}/20260101/cn-hangzhou`), 400, 'InvalidArgument'],
    ['a V4 credential of another product', () => replace(v4(), 'x-oss-credential', param(v4(), 'x-oss-credential').replace('/oss/', '/s3/')), 400, 'InvalidArgument'],
    ['an x-oss-date that is not a date', () => replace(v4(), 'x-oss-date', 'yesterday'), 403, 'AccessDenied'],
    ['a signature that is not hex', () => replace(v4(), 'x-oss-signature', 'z'.repeat(64)), 403, 'SignatureDoesNotMatch'],
    ['a 10 KB signature', () => replace(v4(), 'x-oss-signature', 'a'.repeat(10_000)), 403, 'SignatureDoesNotMatch'],
    ['another AccessKeyId', () => replace(v4(), 'x-oss-credential', param(v4(), 'x-oss-credential').replace(ACCESS_KEY_ID, 'LTAI5tNotThisOne')), 403, 'InvalidAccessKeyId'],
  ];
  for (const [group, cases] of [['repeated', REPEATED], ['expiry', EXPIRES], ['version', VERSIONS]] as const) {
    for (const [what, url, status, code] of cases) {
      it(`${group}: ${what} → ${status} ${code}`, async () => {
        const res = await getUrl(url());
        expect(res.status, res.text.slice(0, 400)).toBe(status);
        expect(xmlField(res.text, 'Code')).toBe(code);
      });
    }
  }

  const HEADERS: readonly [string, readonly (readonly [string, string])[], number, string][] = [
    ['an Authorization header given twice', [['Authorization', `OSS ${ACCESS_KEY_ID}:a`], ['Authorization', `OSS ${ACCESS_KEY_ID}:b`]], 400, 'InvalidArgument'],
    ['x-oss-date given twice', [['x-oss-date', '20260101T000000Z'], ['x-oss-date', '20300101T000000Z'], ['Authorization', 'OSS4-HMAC-SHA256 Credential=a/20260101/cn-hangzhou/oss/aliyun_v4_request,Signature=00']], 400, 'InvalidArgument'],
    ['the OSS3 scheme', [['Authorization', 'OSS3 ak:sig']], 400, 'InvalidArgument'],
    ['OSS4-HMAC-SHA512', [['Authorization', 'OSS4-HMAC-SHA512 Credential=a/20260101/cn-hangzhou/oss/aliyun_v4_request,Signature=00']], 400, 'InvalidArgument'],
    ['AWS4-HMAC-SHA256', [['Authorization', 'AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00']], 400, 'InvalidArgument'],
    ['a lower-case scheme', [['Authorization', `oss ${ACCESS_KEY_ID}:sig`]], 400, 'InvalidArgument'],
    ['a V4 header with a field twice', [['Authorization', 'OSS4-HMAC-SHA256 Credential=a/20260101/cn-hangzhou/oss/aliyun_v4_request,Signature=00,Signature=01']], 400, 'InvalidArgument'],
    ['a V4 header with an unknown field', [['Authorization', 'OSS4-HMAC-SHA256 Credential=a/20260101/cn-hangzhou/oss/aliyun_v4_request,SignedHeaders=host,Signature=00']], 400, 'InvalidArgument'],
  ];
  for (const [what, headers, status, code] of HEADERS) {
    it(`header: ${what} → ${status} ${code}`, async () => {
      const res = await rawRequest(env.emulator.port, 'GET', '/bkt/there.txt', [['Date', new Date(env.now).toUTCString()], ...headers]);
      expect(res.status, res.text.slice(0, 400)).toBe(status);
      expect(xmlField(res.text, 'Code')).toBe(code);
    });
  }

  it('never echoes a repeated parameter\'s values', async () => {
    const res = await getUrl(`${v4()}&x-oss-security-token=token-one&x-oss-security-token=token-two`);
    expect(xmlField(res.text, 'ArgumentName')).toBe('x-oss-security-token');
    expect(res.text).not.toContain('token-one');
    expect(res.text).not.toContain('token-two');
  });

  it('still serves a valid presigned GET after all of it', async () => {
    await stillServes();
  });
});

describe('OssEmulator: keys that try to leave the root, in every encoding', () => {
  const KEY = '../../../escape.txt';
  const SPELLINGS = [
    '../../../escape.txt',
    '%2e%2e/%2e%2e/%2e%2e/escape.txt',
    '%2E%2E%2F%2E%2E%2F%2E%2E%2Fescape.txt',
    '..%2f..%2f..%2fescape.txt',
    '.%2e/%2e./..%2Fescape.txt',
    '%2e%2e%2f%2e%2e%2f%2e%2e%2f%65%73%63%61%70%65%2e%74%78%74',
  ];

  function pathOf(url: string): string {
    return url.slice(url.indexOf('/', 'http://'.length));
  }

  it('reads one key however its dots and slashes are encoded, and writes it inside the bucket folder', async () => {
    const getUrlOfKey = presigner('v4').url(KEY);
    const putUrlOfKey = presigner('v4', 'PUT').url(KEY);
    const getQuery = getUrlOfKey.slice(getUrlOfKey.indexOf('?'));
    const putQuery = putUrlOfKey.slice(putUrlOfKey.indexOf('?'));
    expect(pathOf(getUrlOfKey).startsWith('/bkt/')).toBe(true);
    for (const spelling of SPELLINGS) {
      const missing = await rawRequest(env.emulator.port, 'GET', `/bkt/${spelling}${getQuery}`);
      expect(missing.status, spelling).toBe(404);
      expect(xmlField(missing.text, 'Key')).toBe(KEY);
    }
    for (const [i, spelling] of SPELLINGS.entries()) {
      const put = await rawRequest(env.emulator.port, 'PUT', `/bkt/${spelling}${putQuery}`, [], Buffer.from(`spelling ${i}`));
      expect(put.status, `${spelling}: ${put.text}`).toBe(200);
    }
    const back = await rawRequest(env.emulator.port, 'GET', `/bkt/${SPELLINGS[0]}${getQuery}`);
    expect(back.text).toBe(`spelling ${SPELLINGS.length - 1}`);
    expect(await readFile(join(env.root, 'bkt', '%2E%2E', '%2E%2E', '%2E%2E', 'escape.txt'), 'utf8')).toBe(`spelling ${SPELLINGS.length - 1}`);
    for (const outside of [join(env.sandbox, 'escape.txt'), join(env.sandbox, '..', 'escape.txt'), join(env.root, 'escape.txt')]) {
      expect(existsSync(outside), outside).toBe(false);
    }
  });

  it('keeps a double-encoded, backslashed, NUL-bearing or look-alike key an ordinary name inside the bucket', async () => {
    const KEYS = ['%2e%2e/%2e%2e/x', '..\\..\\x', '..%5c..%5cx', 'a\u0000/../../x', '\uff0e\uff0e/\uff0e\uff0e/x', '\u2024\u2024/x', '/../../x', '....//....//x'];
    for (const key of KEYS) {
      const put = await getUrl(presigner('v4', 'PUT').url(key), 'PUT', Buffer.from(key));
      expect(put.status, `${JSON.stringify(key)}: ${put.text}`).toBe(200);
      const got = await getUrl(presigner('v4').url(key));
      expect(got.text, JSON.stringify(key)).toBe(key);
    }
    const files = await allFiles(env.root);
    for (const file of files.map((f) => relative(env.root, f))) {
      expect(file.startsWith('bkt/') || file.startsWith('.ossduck/'), file).toBe(true);
      for (const part of file.split('/')) expect(['', '.', '..'].includes(part), file).toBe(false);
    }
    expect(await readdir(env.sandbox)).toEqual(['root']);
  });

  it('refuses overlong UTF-8 dots and broken escapes as InvalidURI', async () => {
    for (const path of ['/bkt/%c0%ae%c0%ae/x', '/bkt/%C0%AF', '/bkt/%e0%80%ae', '/bkt/%', '/bkt/%zz', '/bkt/%ff%fe']) {
      const res = await rawRequest(env.emulator.port, 'GET', path);
      expect(res.status, path).toBe(400);
      expect(xmlField(res.text, 'Code'), path).toBe('InvalidURI');
    }
  });

  it('still serves a valid presigned GET after all of it', async () => {
    await stillServes();
  });
});

describe('OssEmulator: bucket names OSS refuses, and buckets that do not exist', () => {
  const INVALID = ['BKT', 'ab', 'a_b', '-bkt', 'bkt-', 'x'.repeat(64), '.ossduck', '%2Eossduck', '%2e%2e', encodeURIComponent('中文桶'), 'bkt.evil', 'b%2Fkt'];
  for (const bucket of INVALID) {
    it(`refuses the bucket ${JSON.stringify(bucket)} with InvalidBucketName`, async () => {
      const res = await rawRequest(env.emulator.port, 'GET', `/${bucket}/x`);
      expect(res.status).toBe(400);
      expect(xmlField(res.text, 'Code')).toBe('InvalidBucketName');
    });
  }

  it('never serves the hidden .ossduck folder, however it is addressed', async () => {
    for (const path of ['/.ossduck/meta', '/.ossduck/tmp/', '/%2Eossduck/meta/bkt', '/bkt/../.ossduck/meta']) {
      const res = await rawRequest(env.emulator.port, 'GET', path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(res.text).not.toContain('"etag"');
    }
  });

  it('answers a validly signed request for a bucket that does not exist with NoSuchBucket', async () => {
    const res = await signedRequest(env, { method: 'GET', bucket: 'no-such-bucket', key: 'there.txt' });
    expect(res.status).toBe(404);
    expect(xmlField(res.text, 'Code')).toBe('NoSuchBucket');
    const put = await signedRequest(env, { method: 'PUT', bucket: 'no-such-bucket', key: 'x', body: Buffer.from('x') });
    expect(put.status).toBe(404);
    expect(existsSync(join(env.root, 'no-such-bucket'))).toBe(false);
  });

  it('answers a URL signed for one bucket and sent to another with SignatureDoesNotMatch', async () => {
    const res = await getUrl(presigner('v4').url('there.txt').replace('/bkt/', '/bku/'));
    expect(res.status).toBe(403);
    expect(xmlField(res.text, 'Code')).toBe('SignatureDoesNotMatch');
  });
});

describe('OssEmulator: user metadata over OSS\'s 8 KB', () => {
  it('refuses x-oss-meta-* headers adding up to 8 KB with InvalidArgument (EC 0011-00000002) and takes 7 KB', async () => {
    const big = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'meta.txt', body: Buffer.from('x'), headers: [['x-oss-meta-a', 'v'.repeat(4096)], ['x-oss-meta-b', 'v'.repeat(4096)]] });
    expect(big.status).toBe(400);
    expect(xmlField(big.text, 'Code')).toBe('InvalidArgument');
    expect(big.headers['x-oss-ec']).toBe('0011-00000002');
    const fits = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'meta.txt', body: Buffer.from('x'), headers: [['x-oss-meta-a', 'v'.repeat(7000)]] });
    expect(fits.status).toBe(200);
  });

  it('still serves a valid presigned GET after all of it', async () => {
    await stillServes();
  });
});

