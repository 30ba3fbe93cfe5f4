import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AuditLogError } from './AuditLogError.js';

/** Bytes kept in memory before they go to the staging file, and the size of each write. */
const BUFFER_BYTES = 1024 * 1024;

/**
 * What a statement issued, kept aside until it ends: records appended to a
 * buffer (`reserve`, then write at `fill`), which, past 1 MB, goes to a
 * staging file in 1 MB writes as rows are produced, so a statement of
 * millions of URLs holds no more than that in memory. The staging file sits
 * beside the log (same disk, same owner), mode 0600, and is unlinked as soon
 * as it is opened: nothing of it outlives the process. `replay` hands the
 * records back in order; `clear` drops them.
 */
export class IssuedUrlStage {
  /** Where records are written: `buffer[fill...]`, after `reserve`. */
  buffer = Buffer.alloc(BUFFER_BYTES);
  fill = 0;
  readonly #logPath: string;
  #spill: number | undefined;
  #spilled = 0;
  /** The staging file's name, while the file system keeps it (one that cannot unlink an open file). */
  #spillName: string | undefined;

  /** `logPath`: the audit log, beside which the staging file goes. */
  constructor(logPath: string) {
    this.#logPath = logPath;
  }

  /** Bytes staged so far. */
  get bytes(): number {
    return this.#spilled + this.fill;
  }

  /** Bytes gone to the staging file (the rest are in `buffer`). */
  get spilledBytes(): number {
    return this.#spilled;
  }

  /** Makes room for `bytes` more at `fill` (the buffer goes to the staging file first when full). */
  reserve(bytes: number): void {
    if (this.fill + bytes <= this.buffer.length) return;
    this.#flush();
    if (bytes > this.buffer.length) this.buffer = Buffer.alloc(Math.max(bytes, this.buffer.length * 2));
  }

  /**
   * Hands every staged byte to `consume` in order, a buffer at a time:
   * `consume(buffer, start, end)` takes the whole records at the front and
   * returns where they end; the rest comes again at the front of the next
   * call. A record is never larger than the largest `reserve`.
   */
  replay(consume: (buffer: Buffer, start: number, end: number) => number): void {
    if (this.#spilled === 0) {
      consume(this.buffer, 0, this.fill);
      return;
    }
    this.#flush();
    const buffer = this.buffer;
    let carried = 0;
    for (let at = 0; at < this.#spilled; ) {
      const read = readSync(this.#spill!, buffer, carried, Math.min(buffer.length - carried, this.#spilled - at), at);
      if (read === 0) throw new Error('the staging file ended early');
      at += read;
      const end = carried + read;
      const used = consume(buffer, 0, end);
      carried = end - used;
      buffer.copy(buffer, 0, used, end);
    }
  }

  /** Drops the staged records. */
  clear(): void {
    this.fill = 0;
    if (this.#spilled > 0 && this.#spill !== undefined) {
      this.#spilled = 0;
      try {
        ftruncateSync(this.#spill, 0);
      } catch {
        // An unlinked file that cannot be cut is freed when it is closed.
      }
    }
  }

  close(): void {
    this.clear();
    if (this.#spill !== undefined) closeSync(this.#spill);
    this.#spill = undefined;
    if (this.#spillName !== undefined) unlinkSync(this.#spillName);
    this.#spillName = undefined;
  }

  /** Writes the buffer to the staging file. */
  #flush(): void {
    if (this.fill === 0) return;
    try {
      const fd = (this.#spill ??= this.#openSpill());
      let at = 0;
      while (at < this.fill) at += writeSync(fd, this.buffer, at, this.fill - at, this.#spilled + at);
    } catch (error) {
      throw error instanceof AuditLogError ? error : AuditLogError.cannotWrite(this.#logPath, error);
    }
    this.#spilled += this.fill;
    this.fill = 0;
  }

  #openSpill(): number {
    const path = join(dirname(this.#logPath), `.${basename(this.#logPath)}.${process.pid}.${randomBytes(4).toString('hex')}.staging`);
    const fd = openSync(path, 'wx+', 0o600);
    try {
      unlinkSync(path);
    } catch {
      // A file system that keeps an open file's name: the file is removed when the stage closes.
      this.#spillName = path;
    }
    return fd;
  }
}
