import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTLE_MS, identityOf, isSettled, msOfNs, sameIdentity, stampOf } from '../../src/emulator/FileIdentity.js';

describe('FileIdentity', () => {
  it('gives the milliseconds fs.Stats gives, for files stamped now, long ago and before 1970', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ossduck-identity-'));
    try {
      const file = join(dir, 'f');
      await writeFile(file, 'x');
      for (const seconds of [undefined, 1.25, 86_400.000_123, -1.5, -3_600.25]) {
        if (seconds !== undefined) await utimes(file, 0, seconds);
        const [big, plain] = [await stat(file, { bigint: true }), await stat(file)];
        expect(msOfNs(big.mtimeNs)).toBe(plain.mtimeMs);
        expect(stampOf(big)).toEqual({ ino: plain.ino, size: plain.size, mtimeMs: plain.mtimeMs });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('tells states apart by any of device, inode, size, mtime and ctime, and settles after SETTLE_MS', () => {
    const base = { dev: 1n, ino: 2n, size: 3n, mtimeNs: 4_000_000n, ctimeNs: 5_000_000_000n };
    expect(sameIdentity(base, { ...base })).toBe(true);
    for (const field of ['dev', 'ino', 'size', 'mtimeNs', 'ctimeNs'] as const) expect(sameIdentity(base, { ...base, [field]: base[field] + 1n })).toBe(false);
    expect(identityOf({ ...base, atimeNs: 9n } as never)).toEqual(base);
    expect(isSettled(base, 5_000 + SETTLE_MS)).toBe(false);
    expect(isSettled(base, 5_001 + SETTLE_MS)).toBe(true);
  });
});
