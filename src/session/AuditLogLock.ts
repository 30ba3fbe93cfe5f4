import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isProcessAlive } from '../isProcessAlive.js';
import { AuditLogError } from './AuditLogError.js';

/** Which file a lock is about: its device and inode (a log rotated away and a new one made in its place are two files). */
export interface FileIdentity {
  readonly dev: string;
  readonly ino: string;
}

/** What a lock file says: who holds the log, which file it is, and where it ended when the lock was taken. */
export interface LockRecord extends FileIdentity {
  readonly pid: number;
  /** When the holder started (Linux: its start time in clock ticks), so a later process given the same id is not taken for it; '' when unknown. */
  readonly started: string;
  readonly host: string;
  /** The log's size when the lock was taken: every byte past it belongs to a statement not yet ended. */
  readonly offset: number;
  readonly nonce: string;
}

/** How a taker deals with a live holder. */
export interface TakeOptions {
  /** How another session of this process makes this holder give the lock up; without it, never. */
  readonly giveUp?: () => void;
  /** Whether this taker may make a holder of this copy of ossduck give the lock up (a statement that must append now). */
  readonly takeOver: boolean;
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
    const strings = [r.host, r.nonce, r.started, r.dev, r.ino].every((v) => typeof v === 'string');
    if (Number.isSafeInteger(r.pid) && Number.isSafeInteger(r.offset) && strings) return r as LockRecord;
  } catch {
    // Said below.
  }
  throw AuditLogError.foreignLock(logPath, lockPathOf(logPath));
}

/** When process `pid` started (Linux: field 22 of /proc/<pid>/stat); '' when that cannot be read. */
function startOf(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

let started: string | undefined;

/** When this process started, read once, when a lock is first taken or judged. */
function ownStart(): string {
  return (started ??= startOf(process.pid));
}

/**
 * The locks this copy of ossduck holds, by nonce, each with what gives it up:
 * a statement writing its lines as it runs gives its lock up to another
 * session of this process that must append (it goes back to staging its
 * lines), since waiting for it there could wait for ever.
 */
const HELD_HERE = new Map<string, () => void>();

/**
 * Whether the holder of `record` is gone: a process of this host that has
 * ended, or whose id now belongs to a process started at another time. This
 * process (another thread, another copy of ossduck loaded in it) counts as
 * alive; on another host nothing can be known, and it counts as alive.
 */
function isStale(record: LockRecord): boolean {
  if (record.host !== hostname()) return false;
  if (record.pid === process.pid) return record.started !== ownStart();
  if (!isProcessAlive(record.pid)) return true;
  const started = startOf(record.pid);
  return started !== '' && record.started !== '' && started !== record.started;
}

/**
 * The lock every writer of an audit log holds while it appends (`<log>.lock`,
 * made whole in a file of its own, then linked into place: creating it is
 * atomic, and a reader never sees half of it). It names the log's file and
 * says its size when the lock was taken, so what lies past that size is a
 * statement still writing its lines as rows are produced: a statement that
 * fails cuts the log back to it, and one whose process died is cut back by
 * the next writer to take the lock. Readers (`ossduck audit`) stop there.
 */
export class AuditLogLock {
  readonly #logPath: string;
  record: LockRecord;
  #held = true;

  private constructor(logPath: string, record: LockRecord) {
    this.#logPath = logPath;
    this.record = record;
  }

  get offset(): number {
    return this.record.offset;
  }

  /**
   * Takes the lock of the log at `logPath` (the file `file`) now, or returns
   * undefined when a live process holds it. `sizeNow` reads the log's size;
   * `cut(offset)` cuts the log back to `offset` (the unfinished lines of a
   * holder that died).
   */
  static tryTake(logPath: string, file: FileIdentity, sizeNow: () => number, cut: (offset: number) => void, options: TakeOptions): AuditLogLock | undefined {
    const taken = AuditLogLock.#tryTake(logPath, file, sizeNow, cut, options.takeOver);
    if (taken === undefined) return undefined;
    HELD_HERE.set(taken.record.nonce, options.giveUp ?? (() => undefined));
    // The size is read again now that nobody else may append: the record says where this holder's bytes begin.
    const size = sizeNow();
    if (size !== taken.offset) {
      taken.record = { ...taken.record, offset: size };
      placeLock(lockPathOf(logPath), taken.record, 'rename');
    }
    return taken;
  }

  static #tryTake(logPath: string, file: FileIdentity, sizeNow: () => number, cut: (offset: number) => void, takeOver: boolean): AuditLogLock | undefined {
    const lockPath = lockPathOf(logPath);
    const mine = (): LockRecord => ({ pid: process.pid, started: ownStart(), host: hostname(), ...file, offset: sizeNow(), nonce: randomBytes(8).toString('hex') });
    const record = mine();
    if (placeLock(lockPath, record, 'link')) return new AuditLogLock(logPath, record);
    const held = readLock(logPath);
    if (held === undefined) return undefined;
    const giveUp = HELD_HERE.get(held.nonce);
    if (giveUp !== undefined && takeOver) {
      // Another session of this copy writes as it runs: it goes back to staging, and the lock is free.
      giveUp();
      const again = mine();
      return placeLock(lockPath, again, 'link') ? new AuditLogLock(logPath, again) : undefined;
    }
    const otherFile = held.dev !== file.dev || held.ino !== file.ino;
    if (!otherFile && !isStale(held)) return undefined;
    // Its holder died (its lines are cut off), or it is about a file rotated away (left as it is): one writer at a time takes its place.
    const recovering = `${lockPath}.recovering`;
    if (!placeLock(recovering, { ...record, offset: 0 }, 'link')) {
      const other = readRecord(recovering);
      if (other !== undefined && isStale(other)) removeIfStill(recovering, other.nonce);
      return undefined;
    }
    try {
      const still = readLock(logPath);
      if (still?.nonce !== held.nonce) return undefined;
      if (!otherFile && sizeNow() > held.offset) cut(held.offset);
      const taken = mine();
      placeLock(lockPath, taken, 'rename');
      return new AuditLogLock(logPath, taken);
    } finally {
      unlinkQuietly(recovering);
    }
  }

  /** From now on no other session takes this lock over (the statement is ending: its lines must stay). */
  pin(): void {
    if (this.#held) HELD_HERE.set(this.record.nonce, () => undefined);
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
  const temporary = `${path}.${record.nonce}.${process.pid}.${randomBytes(4).toString('hex')}`;
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
    unlinkQuietly(temporary);
  }
}

/**
 * Removes the file at `path` if it is still the record `nonce` (a dead
 * recoverer's): it is moved aside first (atomic), and put back if what was
 * moved turns out to be another's, placed since it was read.
 */
function removeIfStill(path: string, nonce: string): void {
  const aside = `${path}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  if (readRecord(aside)?.nonce !== nonce) {
    try {
      linkSync(aside, path);
    } catch {
      // Another took the place meanwhile: the moved record's owner finds its guard gone and retries.
    }
  }
  unlinkQuietly(aside);
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
