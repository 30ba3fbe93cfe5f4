import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Credentials } from '../../../src/oss/Credentials.js';
import { FastHmac, PreparedHmac } from '../../../src/oss/signing/FastHmac.js';
import { encodePath, encodePathBytes } from '../../../src/oss/signing/percentEncode.js';
import { Presigner } from '../../../src/oss/signing/Presigner.js';
import type { PresignSpec } from '../../../src/oss/signing/Presigner.js';

const AWKWARD = [' ', '+', '%', '~', '!', "'", '(', ')', '*', '#', '?', '&', '//', '\\', '=', '中文', '😀', 'é', '\t', '\u{feff}', '.', '-', '_'];
const key = fc
  .oneof(
    { weight: 6, arbitrary: fc.array(fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ minLength: 1, maxLength: 6 })), { minLength: 1, maxLength: 20 }).map((p) => p.join('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 900, max: 1000 }).map((n) => `${'k'.repeat(n)}/中`) },
  );

const spec = fc.record({
  version: fc.constantFrom('v4' as const, 'v1' as const),
  method: fc.constantFrom('GET', 'PUT'),
  token: fc.option(fc.constantFrom('CAIS+token/with=padding==', 'tok'), { nil: undefined }),
  style: fc.constantFrom('virtual' as const, 'path' as const, 'cname' as const),
  query: fc.constantFrom(undefined, [['response-content-type', 'text/plain; charset=utf-8'], ['versionId', 'v 1']] as const),
  headers: fc.constantFrom(undefined, [['Content-Type', 'text/csv'], ['x-oss-meta-a', ' b ']] as const),
  expiresIn: fc.integer({ min: 1, max: 604800 }),
});

type SpecCase = typeof spec extends fc.Arbitrary<infer T> ? T : never;

function presigner(s: SpecCase): Presigner {
  const options: PresignSpec = {
    version: s.version,
    credentials: new Credentials({ accessKeyId: 'LTAI5tExampleKeyId', accessKeySecret: 'ExampleSecretDoNotLeak', securityToken: s.token }),
    method: s.method,
    bucket: 'examplebucket',
    signTime: 1795438800,
    expiresIn: s.expiresIn,
    region: 'cn-hangzhou',
    product: 'oss',
    address: { scheme: 'https', host: s.style === 'path' ? '127.0.0.1:9000' : 'oss-cn-hangzhou.aliyuncs.com', style: s.style },
    query: s.query?.map(([n, v]: readonly [string, string]) => [n, v] as const),
    headers: s.headers?.map(([n, v]: readonly [string, string]) => [n, v] as const),
  };
  return new Presigner(options);
}

describe('Presigner.writeUrl', () => {
  it('writes the bytes url() returns, for random keys, versions, tokens, styles, parameters and headers', () => {
    fc.assert(
      fc.property(spec, key, fc.integer({ min: 0, max: 40 }), (s, k, at) => {
        const p = presigner(s);
        const source = Buffer.from(`xx${k}yy`, 'utf8');
        const end = source.length - 2;
        const room = p.maxUrlBytes(end - 2);
        const target = Buffer.alloc(at + room + 8, 0xee);
        const stop = p.writeUrl(source, 2, end, target, at);
        expect(stop - at).toBeLessThanOrEqual(room);
        expect(target.toString('utf8', at, stop)).toBe(p.url(k));
        expect(target[stop]).toBe(0xee);
      }),
      { numRuns: 1500, seed: 16 },
    );
  });

  it('signs many keys in turn with one presigner as it signs each alone', () => {
    const p = presigner({ version: 'v4', method: 'GET', token: undefined, style: 'virtual', query: undefined, headers: undefined, expiresIn: 3600 });
    const target = Buffer.alloc(8192);
    for (const k of ['a', 'x'.repeat(1000), 'b c', '中文/é', 'a']) {
      const source = Buffer.from(k);
      expect(target.toString('utf8', 0, p.writeUrl(source, 0, source.length, target, 0))).toBe(p.url(k));
    }
  });
});

/** `url` with the query parameters named `names` taken out (they are never the first: the query is sorted). */
function without(url: string, names: readonly string[]): string {
  const [base, query = ''] = url.split('?');
  const kept = query.split('&').filter((p) => !names.includes(decodeURIComponent(p.split('=')[0]!)));
  return kept.length === 0 ? base! : `${base}?${kept.join('&')}`;
}

describe('Presigner.unsignedUrl', () => {
  it('is url() without its signature and security token, every other byte the same', () => {
    fc.assert(
      fc.property(spec, key, (s, k) => {
        const p = presigner(s);
        const url = p.url(k);
        const secret = s.version === 'v4' ? ['x-oss-signature', 'x-oss-security-token'] : ['Signature', 'security-token'];
        const unsigned = p.unsignedUrl(k);
        expect(unsigned).toBe(without(url, secret));
        expect(new URL(unsigned).searchParams.has(secret[0]!)).toBe(false);
        expect(new URL(unsigned).searchParams.has(secret[1]!)).toBe(false);
        if (s.token !== undefined) expect(unsigned).not.toContain(encodeURIComponent(s.token));
        const parts = p.unsignedUrlParts();
        expect(parts.prefix + encodePath(k) + parts.query).toBe(unsigned);
      }),
      { numRuns: 1000, seed: 17 },
    );
  });
});

describe('encodePathBytes', () => {
  it('encodes UTF-8 bytes as encodePath encodes the string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const source = Buffer.from(text, 'utf8');
        const target = Buffer.alloc(source.length * 3);
        expect(target.toString('latin1', 0, encodePathBytes(source, 0, source.length, target, 0))).toBe(encodePath(text));
      }),
      { numRuns: 3000, seed: 3986 },
    );
  });
});

describe('PreparedHmac', () => {
  it('equals node:crypto HMAC of the prefix and the message, as text, as bytes and as bytes with a tail', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.string({ maxLength: 120 }),
        fc.array(fc.string({ unit: 'binary', maxLength: 3000 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('sha256' as const, 'sha1' as const),
        fc.constantFrom('hex' as const, 'base64' as const),
        (key, prefix, messages, algorithm, encoding) => {
          const prepared = new FastHmac(algorithm, Buffer.from(key)).prepare(prefix);
          for (const message of messages) {
            const expected = createHmac(algorithm, Buffer.from(key)).update(prefix + message, 'utf8').digest(encoding);
            expect(prepared.digest(message, encoding)).toBe(expected);
            const bytes = Buffer.from(`..${message}`, 'utf8');
            expect(prepared.digestBytes(bytes, 2, bytes.length, encoding)).toBe(expected);
            const ascii = Buffer.from(message, 'utf8').toString('hex');
            const expectedAscii = createHmac(algorithm, Buffer.from(key)).update(prefix + ascii, 'utf8').digest(encoding);
            expect(prepared.digestAscii(ascii, encoding)).toBe(expectedAscii);
            // Split anywhere into the bytes and a tail: the same HMAC.
            const cut = 2 + (message.length % (bytes.length - 1));
            expect(prepared.digestBytes(bytes, 2, cut, encoding, bytes.subarray(cut))).toBe(expected);
          }
        },
      ),
      { numRuns: 1500, seed: 2104 },
    );
  });

  it('is made only by FastHmac.prepare, and does not show key material when printed', () => {
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const prepared = new FastHmac('sha256', key).prepare('OSS4-HMAC-SHA256\n');
    const shown = inspect(prepared, { showHidden: true, depth: 5 }) + JSON.stringify(prepared);
    expect(shown).not.toContain('0123456789abcdef');
    expect(shown).not.toMatch(/<Buffer/);
    expect(() => new PreparedHmac(Symbol('x'), 'sha256', key, key, key)).toThrow(/FastHmac.prepare/);
  });
});
