import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FastHmac } from '../../src/oss/signing/FastHmac.js';

describe('FastHmac', () => {
  it('equals node:crypto HMAC-SHA256 and HMAC-SHA1 for random keys and messages', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 150 }),
        fc.string({ unit: 'binary', maxLength: 1500 }),
        fc.constantFrom('sha256' as const, 'sha1' as const),
        fc.constantFrom('hex' as const, 'base64' as const),
        (key, message, algorithm, encoding) => {
          const mine = new FastHmac(algorithm, Buffer.from(key)).digest(message, encoding);
          expect(mine).toBe(createHmac(algorithm, Buffer.from(key)).update(message, 'utf8').digest(encoding));
        },
      ),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('stays right when one instance signs messages of many lengths in turn', () => {
    const key = randomBytes(32);
    const hmac = new FastHmac('sha256', key, 64);
    for (const message of ['a', 'x'.repeat(300), 'bb', '中文'.repeat(10), 'a']) {
      expect(hmac.digest(message, 'hex')).toBe(createHmac('sha256', key).update(message).digest('hex'));
    }
  });

  it('does not show its key material when printed', async () => {
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const { inspect } = await import('node:util');
    const shown = inspect(new FastHmac('sha256', key), { showHidden: true, depth: 5 }) + JSON.stringify(new FastHmac('sha256', key));
    expect(shown).not.toContain('0123456789abcdef');
    expect(shown).not.toMatch(/<Buffer/);
  });
});
