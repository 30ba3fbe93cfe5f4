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

/** The log's device and inode, as a lock names them. */
function identityOf(path: string): { dev: string; ino: string } {
  const stats = statSync(path, { bigint: true });
  return { dev: String(stats.dev), ino: String(stats.ino) };
}

/** A lock file as another process writes it (its start time unknown: '' is what a system without /proc writes). */
function lockAs(path: string, pid: number, offset: number, options: { host?: string; started?: string; identity?: { dev: string; ino: string } } = {}): void {
  const record = { pid, started: options.started ?? '', host: options.host ?? hostname(), ...(options.identity ?? identityOf(path)), offset, nonce: `n${pid}` };
  writeFileSync(`${path}.lock`, JSON.stringify(record), { mode: 0o600 });
}

/** The start time /proc gives a process (field 22 of its stat). */
function startOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
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
    const lock = AuditLogLock.tryTake(path, identityOf(path), size, cut, { takeOver: true })!;
    expect(readLock(path)).toMatchObject({ pid: process.pid, host: hostname(), offset: COMMITTED.length });
    expect(readdirSync(dir).sort()).toEqual(['audit.log', 'audit.log.lock']);
    // A second taker in this process (no way to make the holder give up) does not get it.
    expect(AuditLogLock.tryTake(path, identityOf(path), size, cut, { takeOver: true })).toBeUndefined();
    lock.release();
    expect(readdirSync(dir)).toEqual(['audit.log']);
    lock.release();
  });

  it('is not taken while a live process holds it, nor when it was written on another host', async () => {
    holder = spawn('sleep', ['30']);
    await once(holder, 'spawn');
    lockAs(path, holder.pid!, COMMITTED.length);
    expect(AuditLogLock.tryTake(path, identityOf(path), size, cut, { takeOver: true })).toBeUndefined();
    lockAs(path, deadPid(), COMMITTED.length, { host: 'some-other-host' });
    expect(AuditLogLock.tryTake(path, identityOf(path), size, cut, { takeOver: true })).toBeUndefined();
  });

  it('is taken from a process id that now belongs to a process started at another time, and counts another thread of this process as alive', async () => {
    holder = spawn('sleep', ['30']);
    await once(holder, 'spawn');
    appendFileSync(path, '{"unfinished":1}\n');
    lockAs(path, holder.pid!, COMMITTED.length, { started: String(Number(startOf(holder.pid!)) - 100) });
    const lock = AuditLogLock.tryTake(path, identityOf(path), size, cut, { takeOver: true })!;
    expect(readFileSync(path, 'utf8')).toBe(COMMITTED);
    lock.release();
    // This process's id and start time, under a nonce this copy does not hold: another thread's, or another copy's, lock: alive.
    lockAs(path, process.pid, COMMITTED.length, { started: startOf(process.pid) });
    expect(AuditLogLock.tryTake(path, identityOf(path), size, cut, { takeOver: true })).toBeUndefined();
  });

  it("takes the place of a lock about a file rotated away, without cutting this one", () => {
    appendFileSync(path, '{"committed":2}\n');
    lockAs(path, process.pid, 3, { started: startOf(process.pid), identity: { dev: '1', ino: '2' } });
    const lock = AuditLogLock.tryTake(path, identityOf(path), size, cut, { takeOver: true })!;
    expect(readFileSync(path, 'utf8')).toBe(`${COMMITTED}{"committed":2}\n`);
    expect(lock.offset).toBe(size());
    lock.release();
  });

  it('says where the log ended once it holds the lock, even when another writer appended between its look and its taking', () => {
    let looks = 0;
    const growing = (): number => (++looks === 1 ? size() : size() + 16);
    const lock = AuditLogLock.tryTake(path, identityOf(path), growing, cut, { takeOver: true })!;
    expect(lock.offset).toBe(COMMITTED.length + 16);
    expect(readLock(path)?.offset).toBe(COMMITTED.length + 16);
    lock.release();
  });

  it('cuts off the unfinished lines of a holder that died, then is taken', () => {
    lockAs(path, deadPid(), COMMITTED.length);
    appendFileSync(path, '{"unfinished":1}\n{"unfinis');
    const lock = AuditLogLock.tryTake(path, identityOf(path), size, cut, { takeOver: true })!;
    expect(readFileSync(path, 'utf8')).toBe(COMMITTED);
    expect(lock.offset).toBe(COMMITTED.length);
    expect(readLock(path)?.pid).toBe(process.pid);
    lock.release();
    expect(readdirSync(dir)).toEqual(['audit.log']);
  });

  it('clears the guard a recoverer left when it died, then recovers', () => {
    lockAs(path, deadPid(), COMMITTED.length);
    appendFileSync(path, '{"unfinished":1}\n');
    const dead = deadPid();
    writeFileSync(`${path}.lock.recovering`, JSON.stringify({ pid: dead, started: '', host: hostname(), ...identityOf(path), offset: 0, nonce: 'guard' }));
    expect(AuditLogLock.tryTake(path, identityOf(path), size, cut, { takeOver: true })).toBeUndefined();
    expect(readdirSync(dir).sort()).toEqual(['audit.log', 'audit.log.lock']);
    const lock = AuditLogLock.tryTake(path, identityOf(path), size, cut, { takeOver: true })!;
    expect(readFileSync(path, 'utf8')).toBe(COMMITTED);
    lock.release();
    expect(readdirSync(dir)).toEqual(['audit.log']);
  });

  it('names a lock file that is not one of its own (or a folder in its place), and how to clear it', () => {
    const foreign = /the audit log '.*audit.log' \(ossduck.audit_log\) has a lock file '.*audit.log.lock' that is not ossduck's; remove it if no ossduck process is writing the log/;
    writeFileSync(`${path}.lock`, 'not json');
    expect(() => AuditLogLock.tryTake(path, identityOf(path), size, cut, { takeOver: true })).toThrow(foreign);
    rmSync(`${path}.lock`);
    mkdirSync(`${path}.lock`);
    expect(() => AuditLogLock.tryTake(path, identityOf(path), size, cut, { takeOver: true })).toThrow(foreign);
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
      const notices: string[] = [];
      const log = new IssuedUrlLog(() => path, (message) => notices.push(message));
      try {
        await log.begin(7, 'SELECT 7');
        log.addName(log.describe('GET_SIGNED_URL_FROM_OSS', TABLE, presigner()), 'dir/after.txt');
        const commit = log.commit();
        await new Promise((resolve) => setTimeout(resolve, 1300));
        // Told once, after a second, who it waits for.
        expect(notices).toEqual([
          `the audit log '${path}' is being written by process ${holder.pid} (a statement writing its URLs as it runs); waiting for it to end (Ctrl-C stops waiting)`,
        ]);
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
