import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HmacSha1Key, PreparedHmacSha1 } from '../../../src/oss/signing/HmacSha1.js';

const reference = (key: Uint8Array, message: string | Buffer, encoding: 'hex' | 'base64'): string =>
  createHmac('sha1', key).update(message).digest(encoding);

/** A base64 value as a query holds it. */
const forQuery = (base64: string): string => base64.replaceAll('+', '%2B').replaceAll('/', '%2F').replaceAll('=', '%3D');

describe('PreparedHmacSha1', () => {
  it('equals node:crypto HMAC-SHA1 of the prefix and the message, as text, as bytes with a tail, and written for a query', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 150 }),
        fc.string({ maxLength: 150 }),
        fc.array(fc.string({ unit: 'binary', maxLength: 400 }), { minLength: 1, maxLength: 4 }),
        (key, prefix, messages) => {
          const prepared = new HmacSha1Key(key).prepare(prefix);
          for (const message of messages) {
            const expected = reference(key, prefix + message, 'base64');
            expect(prepared.digest(message, 'base64')).toBe(expected);
            expect(prepared.digest(message, 'hex')).toBe(reference(key, prefix + message, 'hex'));
            const bytes = Buffer.from(`..${message}`, 'utf8');
            const cut = 2 + (message.length % (bytes.length - 1));
            expect(prepared.digestBytes(bytes, 2, cut, 'base64', bytes.subarray(cut))).toBe(expected);
            const target = Buffer.alloc(100, 0x2e);
            const end = prepared.writeBase64ForQuery(bytes, 2, cut, bytes.subarray(cut), target, 3);
            expect(target.toString('latin1', 3, end)).toBe(forQuery(expected));
            expect(target[2]).toBe(0x2e);
            expect(target[end]).toBe(0x2e);
          }
        },
      ),
      { numRuns: 1500, seed: 1321 },
    );
  });

  it('pads every message length across SHA-1 block edges right', () => {
    const key = Buffer.from('access-key-secret');
    for (const prefix of ['', 'GET\n\n\n1700000000\n/bucket/', 'p'.repeat(64), 'q'.repeat(127)]) {
      const prepared = new HmacSha1Key(key).prepare(prefix);
      for (let n = 0; n <= 260; n++) {
        const message = 'k'.repeat(n);
        expect(prepared.digest(message, 'hex'), `${prefix.length} + ${n} bytes`).toBe(reference(key, prefix + message, 'hex'));
      }
    }
  });

  it('grows past its first 64 KiB of memory and keeps the prefix, for long prefixes and long messages', () => {
    const key = Buffer.alloc(200, 7); // longer than a block: hashed first, as RFC 2104 says
    const prefix = 'h'.repeat(70_000);
    const prepared = new HmacSha1Key(key).prepare(prefix);
    expect(prepared.digest('after', 'base64')).toBe(reference(key, `${prefix}after`, 'base64'));
    const long = Buffer.from('中'.repeat(50_000), 'utf8');
    expect(prepared.digestBytes(long, 0, long.length, 'hex', Buffer.alloc(0))).toBe(reference(key, Buffer.concat([Buffer.from(prefix), long]), 'hex'));
    expect(prepared.digest('after', 'base64')).toBe(reference(key, `${prefix}after`, 'base64'));
  });

  it('keeps instances of one key and of two keys apart', () => {
    const one = new HmacSha1Key(Buffer.from('one'));
    const a = one.prepare('A');
    const b = one.prepare('B');
    const c = new HmacSha1Key(Buffer.from('two')).prepare('A');
    expect(a.digest('x', 'hex')).toBe(reference(Buffer.from('one'), 'Ax', 'hex'));
    expect(b.digest('x', 'hex')).toBe(reference(Buffer.from('one'), 'Bx', 'hex'));
    expect(c.digest('x', 'hex')).toBe(reference(Buffer.from('two'), 'Ax', 'hex'));
    expect(a.digest('x', 'hex')).toBe(reference(Buffer.from('one'), 'Ax', 'hex'));
  });

  it('stays right when many prepared keys take turns on the thread\'s one module instance', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 80 }), fc.string({ maxLength: 90 })), { minLength: 2, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 200 })), { minLength: 1, maxLength: 12 }),
        (keys, calls) => {
          const prepared = keys.map(([key, prefix]) => new HmacSha1Key(key).prepare(prefix));
          for (const [pick, message] of calls) {
            const [key, prefix] = keys[pick % keys.length]!;
            expect(prepared[pick % keys.length]!.digest(message, 'base64')).toBe(reference(key, prefix + message, 'base64'));
          }
        },
      ),
      { numRuns: 500, seed: 2202 },
    );
  });

  it('is made only by HmacSha1Key.prepare, and shows no key material when printed', () => {
    const secret = Buffer.from('0123456789abcdef0123456789abcdef');
    const key = new HmacSha1Key(secret);
    const prepared = key.prepare('GET\n');
    const shown = [key, prepared].map((o) => inspect(o, { showHidden: true, depth: 5 }) + JSON.stringify(o)).join('');
    expect(shown).not.toContain('0123456789abcdef');
    expect(shown).not.toMatch(/<Buffer|Memory|ArrayBuffer/);
    expect(() => new PreparedHmacSha1(Symbol('x'), secret, secret)).toThrow(/HmacSha1Key.prepare/);
  });
});
