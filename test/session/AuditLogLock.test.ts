import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import { AuditLogLock, readLock } from '../../src/session/AuditLogLock.js';
import { IssuedUrlLog } from '../../src/session/IssuedUrlLog.js';
import { auditLogLines } from '../../src/cli/auditLogLines.js';
import { objectTable } from '../support/FunctionHarness.js';

const TABLE = objectTable('p.s.docs', 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/');
const COMMITTED = '{"committed":true}\n';

function presigner(): Presigner {
  return new Presigner({
    version: 'v4',
    credentials: new Credentials({ accessKeyId: 'LTAI5tLockTest', accessKeySecret: 'lock-test-secret' }),
    method: 'GET',
    bucket: 'examplebucket',
    signTime: 1795438800,
    expiresIn: 3600,
    region: 'cn-hangzhou',
    product: 'oss',
    address: { scheme: 'https', host: 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' },
  });
}

/** A lock file as another process writes it. */
function lockAs(path: string, pid: number, offset: number, host = hostname()): void {
  writeFileSync(`${path}.lock`, JSON.stringify({ pid, host, offset, nonce: `n${pid}` }), { mode: 0o600 });
}

/** The id of a process that has ended. */
function deadPid(): number {
  return spawnSync('true').pid!;
}

describe('AuditLogLock', () => {
  let dir: string;
  let path: string;
  let holder: ChildProcess | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-lock-'));
    path = join(dir, 'audit.log');
    writeFileSync(path, COMMITTED, { mode: 0o600 });
  });
  afterEach(() => {
    holder?.kill('SIGKILL');
    holder = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const size = (): number => statSync(path).size;
  const cut = (offset: number): void => writeFileSync(path, readFileSync(path).subarray(0, offset));

  it('is taken atomically, says where the log ended, and is released by its holder only', () => {
    const lock = AuditLogLock.tryTake(path, size, cut)!;
    expect(readLock(path)).toMatchObject({ pid: process.pid, host: hostname(), offset: COMMITTED.length });
    expect(readdirSync(dir).sort()).toEqual(['audit.log', 'audit.log.lock']);
    // A second taker in this process (no way to make the holder give up) does not get it.
    expect(AuditLogLock.tryTake(path, size, cut)).toBeUndefined();
    lock.release();
    expect(readdirSync(dir)).toEqual(['audit.log']);
    lock.release();
  });

  it('is not taken while a live process holds it, nor when it was written on another host', async () => {
    holder = spawn('sleep', ['30']);
    await once(holder, 'spawn');
    lockAs(path, holder.pid!, COMMITTED.length);
    expect(AuditLogLock.tryTake(path, size, cut)).toBeUndefined();
    lockAs(path, deadPid(), COMMITTED.length, 'some-other-host');
    expect(AuditLogLock.tryTake(path, size, cut)).toBeUndefined();
  });

  it('cuts off the unfinished lines of a holder that died, then is taken', () => {
    lockAs(path, deadPid(), COMMITTED.length);
    appendFileSync(path, '{"unfinished":1}\n{"unfinis');
    const lock = AuditLogLock.tryTake(path, size, cut)!;
    expect(readFileSync(path, 'utf8')).toBe(COMMITTED);
    expect(lock.offset).toBe(COMMITTED.length);
    expect(readLock(path)?.pid).toBe(process.pid);
    lock.release();
    expect(readdirSync(dir)).toEqual(['audit.log']);
  });

  it('names a lock file that is not one of its own (or a folder in its place), and how to clear it', () => {
    const foreign = /the audit log '.*audit.log' \(ossduck.audit_log\) has a lock file '.*audit.log.lock' that is not ossduck's; remove it if no ossduck process is writing the log/;
    writeFileSync(`${path}.lock`, 'not json');
    expect(() => AuditLogLock.tryTake(path, size, cut)).toThrow(foreign);
    rmSync(`${path}.lock`);
    mkdirSync(`${path}.lock`);
    expect(() => AuditLogLock.tryTake(path, size, cut)).toThrow(foreign);
  });

  it("lets ossduck audit read only what was committed before a statement still writing (or whose process died) took the lock", async () => {
    writeFileSync(path, '');
    const log = new IssuedUrlLog(() => path);
    let offset = 0;
    try {
      for (const [i, key] of ['dir/committed', 'dir/still-running'].entries()) {
        await log.begin(i + 1, 'SELECT 1');
        log.addName(log.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner()), key);
        await log.commit();
        offset ||= size();
      }
    } finally {
      await log.close();
    }
    lockAs(path, deadPid(), offset);
    const keys = (): string[] => [...auditLogLines(path, 'ossduck audit')].map((l) => l.key);
    expect(keys()).toEqual(['dir/committed']);
    rmSync(`${path}.lock`);
    expect(keys()).toEqual(['dir/committed', 'dir/still-running']);
  });

  describe('a statement committing while another process holds the lock', () => {
    it('waits for it, and stops waiting when interrupted: the statement fails, the log unchanged', async () => {
      holder = spawn('sleep', ['30']);
      await once(holder, 'spawn');
      lockAs(path, holder.pid!, COMMITTED.length);
      const log = new IssuedUrlLog(() => path);
      try {
        await log.begin(1, 'SELECT 1');
        log.addName(log.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner()), 'dir/a.txt');
        const commit = log.commit();
        let settled = false;
        commit.then(
          () => (settled = true),
          () => (settled = true),
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(settled).toBe(false);
        log.interrupt();
        await expect(commit).rejects.toThrow(
          new RegExp(`the audit log '.*audit.log' \\(ossduck.audit_log\\) is being written by process ${holder.pid}; stopped waiting for it: the statement's URLs are not recorded, so it fails`),
        );
        expect(readFileSync(path, 'utf8')).toBe(COMMITTED);
      } finally {
        await log.close();
      }
    });

    it('goes on once the holder dies, its unfinished lines cut off first', async () => {
      holder = spawn('sleep', ['30']);
      await once(holder, 'spawn');
      lockAs(path, holder.pid!, COMMITTED.length);
      appendFileSync(path, '{"unfinished":true}\n');
      const log = new IssuedUrlLog(() => path);
      try {
        await log.begin(7, 'SELECT 7');
        log.addName(log.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner()), 'dir/after.txt');
        const commit = log.commit();
        await new Promise((resolve) => setTimeout(resolve, 100));
        holder.kill('SIGKILL');
        await once(holder, 'exit');
        await commit;
      } finally {
        await log.close();
      }
      const text = readFileSync(path, 'utf8').split('\n');
      expect(text[0]).toBe(COMMITTED.trim());
      expect((JSON.parse(text[1]!) as { key: string; statement: number }).key).toBe('dir/after.txt');
      expect(text.length).toBe(3);
      expect(readdirSync(dir)).toEqual(['audit.log']);
    });
  });
});
