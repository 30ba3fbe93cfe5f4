import { describe, expect, it } from 'vitest';
import { HMAC_SHA1_WASM } from '../../../src/oss/signing/hmacSha1Wasm.js';
import { compileHmacSha1, hmacSha1Module } from '../../../tools/compileHmacSha1.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('hmacSha1Wasm', () => {
  it('is the binary that tools/hmacSha1Wat.ts compiles to (run `npm run wasm` after changing it)', async () => {
    const binary = await compileHmacSha1();
    expect(Buffer.from(HMAC_SHA1_WASM, 'base64').equals(Buffer.from(binary))).toBe(true);
    const file = readFileSync(join(import.meta.dirname, '../../../src/oss/signing/hmacSha1Wasm.ts'), 'utf8');
    expect(file).toBe(hmacSha1Module(binary));
  });
});
