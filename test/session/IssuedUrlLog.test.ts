import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import { readLock } from '../../src/session/AuditLogLock.js';
import { IssuedUrlLog } from '../../src/session/IssuedUrlLog.js';
import { objectTable } from '../support/FunctionHarness.js';

const PAD = 'y'.repeat(30);
const TABLE = objectTable('p.s.docs', 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/');

function presigner(expiresIn = 3600): Presigner {
  return new Presigner({
    version: 'v4',
    credentials: new Credentials({ accessKeyId: 'LTAI5tLogTest', accessKeySecret: 'log-test-secret' }),
    method: 'GET',
    bucket: 'examplebucket',
    signTime: 1795438800,
    expiresIn,
    region: 'cn-hangzhou',
    product: 'oss',
    address: { scheme: 'https', host: 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' },
  });
}

interface Line {
  readonly statement: number;
  readonly key: string;
  readonly expiresAt: string;
  readonly url: string;
  readonly session: string;
}

function lines(path: string): Line[] {
  const text = readFileSync(path, 'utf8');
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Line);
}

describe('IssuedUrlLog', () => {
  let dir: string;
  let path: string;
  let setting: string;
  let log: IssuedUrlLog;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-issued-'));
    path = join(dir, 'audit.log');
    setting = path;
    log = new IssuedUrlLog(() => setting);
  });
  afterEach(async () => {
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records nothing and opens nothing while the setting is empty', async () => {
    setting = '';
    await log.begin(1, 'SELECT 1');
    expect(log.recording).toBe(false);
    await log.commit();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("appends a statement's lines when it commits, to a file only its owner reads, after what the file held", async () => {
    writeFileSync(path, '{"earlier":true}\n', { mode: 0o600 });
    await log.begin(1, 'SELECT a');
    expect(log.recording).toBe(true);
    const issue = log.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner());
    log.addName(issue, 'dir/a.txt');
    log.addName(issue, 'dir/b c.txt');
    expect(readFileSync(path, 'utf8')).toBe('{"earlier":true}\n');
    await log.commit();
    const text = readFileSync(path, 'utf8').split('\n');
    expect(text[0]).toBe('{"earlier":true}');
    expect(lines(path).slice(1).map((l) => [l.statement, l.key, l.url])).toEqual([
      [1, 'dir/a.txt', presigner().unsignedUrl('dir/a.txt')],
      [1, 'dir/b c.txt', presigner().unsignedUrl('dir/b c.txt')],
    ]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('creates the file with mode 0600', async () => {
    await log.begin(1, 'SELECT a');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('writes nothing of a statement that is discarded, and goes on with the next', async () => {
    await log.begin(1, 'SELECT bad');
    log.addName(log.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner()), 'dir/never.txt');
    log.discard();
    await log.begin(2, 'SELECT good');
    log.addName(log.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner()), 'dir/kept.txt');
    await log.commit();
    expect(lines(path).map((l) => [l.statement, l.key])).toEqual([[2, 'dir/kept.txt']]);
  });

  it("writes a big statement's lines as it runs, under the log's lock, and leaves every line in order", async () => {
    writeFileSync(path, '{"earlier":true}\n', { mode: 0o600 });
    await log.begin(3, 'SELECT many');
    const issue = log.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner());
    const count = 60_000;
    for (let i = 0; i < count; i++) log.addName(issue, `dir/part-${String(i).padStart(6, '0')}-${'x'.repeat(i % 50)}.parquet`);
    // Past 1 MB staged: the lock is taken, saying where the log ended; lines are in the log already; the staging file is unlinked.
    expect(readdirSync(dir).sort()).toEqual(['audit.log', 'audit.log.lock']);
    expect(readLock(path)).toMatchObject({ pid: process.pid, offset: 17 });
    expect(statSync(path).size).toBeGreaterThan(1024 * 1024);
    await log.commit();
    const written = lines(path).slice(1);
    expect(written.length).toBe(count);
    for (const i of [0, 1, 777, 31_337, count - 1]) expect(written[i]!.key).toBe(`dir/part-${String(i).padStart(6, '0')}-${'x'.repeat(i % 50)}.parquet`);
    expect(new Set(written.map((l) => l.key)).size).toBe(count);
    expect(readdirSync(dir)).toEqual(['audit.log']);
  });

  it('cuts the log back to the byte when a statement that wrote as it ran fails', async () => {
    writeFileSync(path, '{"earlier":true}\n', { mode: 0o600 });
    await log.begin(1, 'SELECT fails late');
    const issue = log.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner());
    for (let i = 0; i < 80_000; i++) log.addName(issue, `dir/doomed-${i}.txt`);
    expect(statSync(path).size).toBeGreaterThan(1024 * 1024);
    log.discard();
    expect(readFileSync(path, 'utf8')).toBe('{"earlier":true}\n');
    expect(readdirSync(dir)).toEqual(['audit.log']);
    await log.begin(2, 'SELECT next');
    log.addName(log.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner()), 'dir/kept.txt');
    await log.commit();
    expect(lines(path).slice(1).map((l) => [l.statement, l.key])).toEqual([[2, 'dir/kept.txt']]);
  });

  it('lets another session of the process append while a statement writes as it runs: that statement stages the rest, and nothing is lost', async () => {
    const other = new IssuedUrlLog(() => path);
    try {
      await log.begin(1, 'SELECT big');
      const big = log.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner());
      for (let i = 0; i < 50_000; i++) log.addName(big, `dir/big-${i}-${PAD}`);
      expect(readLock(path)?.pid).toBe(process.pid);
      await other.begin(1, 'SELECT small');
      other.addName(other.describe('OSSDUCK_PRESIGN', TABLE, presigner()), 'dir/small');
      await other.commit();
      // The big statement's lines so far were taken back; the small one's line is the log's first.
      expect(lines(path).map((l) => l.key)).toEqual(['dir/small']);
      for (let i = 50_000; i < 90_000; i++) log.addName(big, `dir/big-${i}-${PAD}`);
      await log.commit();
    } finally {
      await other.close();
    }
    const keys = lines(path).map((l) => l.key);
    expect(keys.length).toBe(90_001);
    expect(keys.slice(0, 3)).toEqual(['dir/small', `dir/big-0-${PAD}`, `dir/big-1-${PAD}`]);
    expect(keys[90_000]).toBe(`dir/big-89999-${PAD}`);
    expect(readdirSync(dir)).toEqual(['audit.log']);
  });

  it('keeps every line of a statement that writes as it runs when another session commits at the moment it ends', async () => {
    const other = new IssuedUrlLog(() => path);
    try {
      await log.begin(1, 'SELECT big');
      const big = log.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner());
      for (let i = 0; i < 100_000; i++) log.addName(big, `dir/big-${i}-${PAD}`);
      await other.begin(1, 'SELECT small');
      other.addName(other.describe('OSSDUCK_PRESIGN', TABLE, presigner()), 'dir/small');
      await Promise.all([log.commit(), other.commit()]);
    } finally {
      await other.close();
    }
    const keys = lines(path).map((l) => l.key);
    expect(keys.length).toBe(100_001);
    expect(keys.filter((k) => k === 'dir/small')).toEqual(['dir/small']);
    expect(keys.filter((k) => k.startsWith('dir/big-')).length).toBe(100_000);
  });

  it('lets a second big statement of another session stage while the first writes as it runs, rather than take its lock', async () => {
    const other = new IssuedUrlLog(() => path);
    try {
      await log.begin(1, 'SELECT first');
      await other.begin(1, 'SELECT second');
      const first = log.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner());
      const second = other.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner());
      for (let i = 0; i < 60_000; i++) log.addName(first, `dir/first-${i}-${PAD}`);
      const held = readLock(path)?.nonce;
      for (let i = 0; i < 60_000; i++) other.addName(second, `dir/second-${i}-${PAD}`);
      expect(readLock(path)?.nonce).toBe(held);
      await log.commit();
      await other.commit();
    } finally {
      await other.close();
    }
    const keys = lines(path).map((l) => l.key);
    expect(keys.length).toBe(120_000);
    expect(keys[0]).toBe(`dir/first-0-${PAD}`);
    expect(keys[59_999]).toBe(`dir/first-59999-${PAD}`);
    expect(keys[60_000]).toBe(`dir/second-0-${PAD}`);
  });

  it('writes to the file now at the path once the log was rotated away', async () => {
    await log.begin(1, 'SELECT before');
    log.addName(log.describe('OSSDUCK_PRESIGN', TABLE, presigner()), 'dir/before');
    await log.commit();
    renameSync(path, `${path}.1`);
    await log.begin(2, 'SELECT after');
    log.addName(log.describe('OSSDUCK_PRESIGN', TABLE, presigner()), 'dir/after');
    await log.commit();
    expect(lines(`${path}.1`).map((l) => l.key)).toEqual(['dir/before']);
    expect(lines(path).map((l) => l.key)).toEqual(['dir/after']);
  });

  it('commits a statement left open when the next begins or the log closes', async () => {
    await log.begin(1, 'SELECT abandoned');
    log.addName(log.describe('OSSDUCK_PRESIGN', TABLE, presigner()), 'dir/one.txt');
    await log.begin(2, 'SELECT next');
    log.addName(log.describe('OSSDUCK_PRESIGN', TABLE, presigner()), 'dir/two.txt');
    await log.close();
    expect(lines(path).map((l) => [l.statement, l.key])).toEqual([
      [1, 'dir/one.txt'],
      [2, 'dir/two.txt'],
    ]);
  });

  it('moves to another file when the setting changes between statements, and stops when it is emptied', async () => {
    await log.begin(1, 'SELECT 1');
    log.addName(log.describe('oss_presign_prefix', TABLE, presigner()), 'dir/first.txt');
    await log.commit();
    setting = join(dir, 'second.log');
    await log.begin(2, 'SELECT 2');
    log.addName(log.describe('oss_presign_prefix', TABLE, presigner()), 'dir/second.txt');
    await log.commit();
    setting = '';
    await log.begin(3, 'SELECT 3');
    expect(log.recording).toBe(false);
    expect(lines(path).map((l) => l.key)).toEqual(['dir/first.txt']);
    expect(lines(join(dir, 'second.log')).map((l) => l.key)).toEqual(['dir/second.txt']);
  });

  it('keeps the lines of two sessions appending to one file whole, each session telling its own apart', async () => {
    const other = new IssuedUrlLog(() => path);
    try {
      for (let round = 0; round < 3; round++) {
        for (const [n, l] of [log, other].entries()) {
          await l.begin(round + 1, `SELECT ${round}`);
          const issue = l.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner());
          for (let i = 0; i < 3000; i++) l.addName(issue, `dir/s${n}/r${round}/${i}`);
        }
        await log.commit();
        await other.commit();
      }
    } finally {
      await other.close();
    }
    const written = lines(path);
    expect(written.length).toBe(18_000);
    expect(new Set(written.map((l) => l.session))).toEqual(new Set([log.session, other.session]));
    expect(written.filter((l) => l.session === other.session).every((l) => l.key.startsWith('dir/s1/'))).toBe(true);
  });

  it('fails the commit with a one-line error naming the log when the disk is full, and is done with the statement', async () => {
    setting = '/dev/full';
    await log.begin(1, 'SELECT 1');
    log.addName(log.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner()), 'dir/a.txt');
    await expect(log.commit()).rejects.toThrow(/the audit log '\/dev\/full' \(ossduck.audit_log\) cannot be written: the disk is full; the statement's URLs are not recorded/);
    expect(log.recording).toBe(false);
  });

  it('refuses a log it cannot open, naming it and why', async () => {
    setting = join(dir, 'missing', 'audit.log');
    await expect(log.begin(1, 'SELECT 1')).rejects.toThrow(/the audit log '.*missing\/audit.log' \(ossduck.audit_log\) cannot be opened for appending: its folder does not exist/);
  });
});
