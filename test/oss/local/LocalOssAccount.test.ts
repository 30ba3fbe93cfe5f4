import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_ACCOUNT_FILE, loadLocalAccount, randomLocalAccount } from '../../../src/oss/local/LocalOssAccount.js';
import { OssduckError } from '../../../src/OssduckError.js';

describe('loadLocalAccount', () => {
  let warehouse: string;
  beforeEach(() => {
    warehouse = mkdtempSync(join(tmpdir(), 'ossduck-account-'));
  });
  afterEach(() => rmSync(warehouse, { recursive: true, force: true }));

  const accountOf = (w: string) => {
    const kept = loadLocalAccount(w);
    if (!('account' in kept)) throw new Error(kept.unavailable);
    return kept.account;
  };

  it('makes the account on first use, in a file only its owner can read, and gives the same one after', () => {
    const first = accountOf(warehouse);
    expect(first.accessKeyId).toMatch(/^LTAI[0-9a-f]{18}$/);
    const file = join(warehouse, LOCAL_ACCOUNT_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(saved['accessKeyId']).toBe(first.accessKeyId);
    expect(saved['accessKeySecret']).toBe(first.revealSecret());
    expect(saved['about']).toMatch(/opens nothing on Alibaba Cloud/);
    const again = accountOf(warehouse);
    expect(again.sameAs(first)).toBe(true);
    // No temporary file is left beside it.
    expect(readdirSync(warehouse)).toEqual([LOCAL_ACCOUNT_FILE]);
  });

  it('makes a file others could read private again', () => {
    const first = accountOf(warehouse);
    chmodSync(join(warehouse, LOCAL_ACCOUNT_FILE), 0o644);
    expect(accountOf(warehouse).sameAs(first)).toBe(true);
    expect(statSync(join(warehouse, LOCAL_ACCOUNT_FILE)).mode & 0o777).toBe(0o600);
  });

  const damaged: [string, string][] = [
    ['not JSON', 'cannot be read'],
    ['{"accessKeyId":"LTAIx"}', 'has no accessKeyId and accessKeySecret'],
    ['{"accessKeyId":"","accessKeySecret":"s"}', 'has no accessKeyId and accessKeySecret'],
    ['null', 'has no accessKeyId and accessKeySecret'],
  ];
  for (const [text, why] of damaged) {
    it(`refuses a damaged file (${text}), saying how to make a new account`, () => {
      writeFileSync(join(warehouse, LOCAL_ACCOUNT_FILE), text, { mode: 0o600 });
      let error: unknown;
      try {
        loadLocalAccount(warehouse);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OssduckError);
      expect((error as OssduckError).detail).toContain(why);
      expect((error as OssduckError).detail).toContain('remove it to make a new account');
    });
  }

  it('says why when the warehouse cannot hold the file', () => {
    const kept = loadLocalAccount(join(warehouse, 'missing', 'deeper'));
    expect(kept).toEqual({ unavailable: expect.stringMatching(/local-oss-account\.json cannot be made: the warehouse directory does not exist$/) });
  });
});

describe('randomLocalAccount', () => {
  it('makes a fresh AccessKey-shaped pair each time', () => {
    const [a, b] = [randomLocalAccount(), randomLocalAccount()];
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    expect(a.revealSecret()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a.revealSecret()).not.toBe(b.revealSecret());
  });
});
