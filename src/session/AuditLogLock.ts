import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isProcessAlive } from '../isProcessAlive.js';
import { AuditLogError } from './AuditLogError.js';

/** What a lock file says: who holds the log, and where the log ended when it took it. */
export interface LockRecord {
  readonly pid: number;
  readonly host: string;
  /** The log's size when the lock was taken: every byte past it belongs to a statement not yet ended. */
  readonly offset: number;
  readonly nonce: string;
}

/** The lock file beside an audit log. */
export function lockPathOf(logPath: string): string {
  return `${logPath}.lock`;
}

/** The lock file's record, undefined when there is none; an AuditLogError when it is not one of ossduck's. */
export function readLock(logPath: string): LockRecord | undefined {
  let text: string;
  try {
    text = readFileSync(lockPathOf(logPath), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw AuditLogError.foreignLock(logPath, lockPathOf(logPath));
  }
  try {
    const r = JSON.parse(text) as Partial<LockRecord>;
    if (Number.isSafeInteger(r.pid) && typeof r.host === 'string' && Number.isSafeInteger(r.offset) && typeof r.nonce === 'string') return r as LockRecord;
  } catch {
    // Said below.
  }
  throw AuditLogError.foreignLock(logPath, lockPathOf(logPath));
}

/**
 * The locks this process holds, by nonce, each with what gives it up: a
 * statement writing its lines as it runs gives its lock up to another
 * session of this process that must append (it goes back to staging its
 * lines), since waiting for it there could wait for ever.
 */
const HELD_HERE = new Map<string, () => void>();

/** Whether the process that wrote `record` is gone (on another host nothing can be known: it counts as alive). */
function isStale(record: LockRecord): boolean {
  if (record.host !== hostname()) return false;
  return record.pid === process.pid ? !HELD_HERE.has(record.nonce) : !isProcessAlive(record.pid);
}

/**
 * The lock every writer of an audit log holds while it appends (`<log>.lock`,
 * made whole in a file of its own, then linked into place: creating it is
 * atomic, and a reader never sees half of it). It says the log's size when it
 * was taken, so what lies past that size is a statement still writing its
 * lines as rows are produced: a statement that fails cuts the log back to it,
 * and one whose process died is cut back by the next writer to take the lock.
 * Readers (`ossduck audit`) stop there.
 */
export class AuditLogLock {
  readonly #logPath: string;
  readonly record: LockRecord;
  #held = true;

  private constructor(logPath: string, record: LockRecord) {
    this.#logPath = logPath;
    this.record = record;
  }

  get offset(): number {
    return this.record.offset;
  }

  /**
   * Takes the lock now, or returns undefined when a live process holds it.
   * `sizeNow` reads the log's size; `cut(offset)` cuts the log back to
   * `offset` (the unfinished lines of a holder that died). `giveUp`, when
   * given, is how another session of this process takes the lock from this
   * holder; without it the lock is held until released.
   */
  static tryTake(logPath: string, sizeNow: () => number, cut: (offset: number) => void, giveUp?: () => void): AuditLogLock | undefined {
    const taken = AuditLogLock.#tryTake(logPath, sizeNow, cut);
    if (taken !== undefined) HELD_HERE.set(taken.record.nonce, giveUp ?? (() => undefined));
    return taken;
  }

  static #tryTake(logPath: string, sizeNow: () => number, cut: (offset: number) => void): AuditLogLock | undefined {
    const lockPath = lockPathOf(logPath);
    const mine = (): LockRecord => ({ pid: process.pid, host: hostname(), offset: sizeNow(), nonce: randomBytes(8).toString('hex') });
    const record = mine();
    if (placeLock(lockPath, record, 'link')) return new AuditLogLock(logPath, record);
    const held = readLock(logPath);
    if (held === undefined) return undefined;
    if (held.pid === process.pid && held.host === hostname()) {
      // Another session of this process writes as it runs: it goes back to staging, and the lock is free.
      const giveUp = HELD_HERE.get(held.nonce);
      if (giveUp !== undefined) {
        giveUp();
        const again = mine();
        return placeLock(lockPath, again, 'link') ? new AuditLogLock(logPath, again) : undefined;
      }
    }
    if (!isStale(held)) return undefined;
    // Its holder died: one writer at a time (the one that made `.recovering`) cuts its lines off and takes its place.
    const recovering = `${lockPath}.recovering`;
    const guard: LockRecord = { ...record, offset: 0 };
    if (!placeLock(recovering, guard, 'link')) {
      const other = readRecord(recovering);
      if (other !== undefined && isStale(other)) unlinkQuietly(recovering);
      return undefined;
    }
    try {
      const still = readLock(logPath);
      if (still?.nonce !== held.nonce) return undefined;
      if (sizeNow() > held.offset) cut(held.offset);
      const taken = mine();
      placeLock(lockPath, taken, 'rename');
      return new AuditLogLock(logPath, taken);
    } finally {
      unlinkQuietly(recovering);
    }
  }

  /** Releases the lock (once; what it guarded is then the log's). */
  release(): void {
    if (!this.#held) return;
    this.#held = false;
    HELD_HERE.delete(this.record.nonce);
    const lockPath = lockPathOf(this.#logPath);
    if (readRecord(lockPath)?.nonce === this.record.nonce) unlinkQuietly(lockPath);
  }
}

/** Writes `record` to a file of its own, then links it (fails when one is there) or renames it (replaces it) to `path`. */
function placeLock(path: string, record: LockRecord, how: 'link' | 'rename'): boolean {
  const temporary = `${path}.${record.nonce}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify(record), { mode: 0o600, flag: 'wx' });
  try {
    if (how === 'rename') {
      renameSync(temporary, path);
      return true;
    }
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    if (how === 'link') unlinkQuietly(temporary);
  }
}

function readRecord(path: string): LockRecord | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockRecord;
  } catch {
    return undefined;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Gone already.
  }
}
