import { closeSync, fdatasync, fstatSync, fsyncSync, ftruncateSync, openSync, realpathSync, statSync, writeSync } from 'node:fs';
import type { FileIdentity } from './AuditLogLock.js';
import { AuditLogError } from './AuditLogError.js';

/**
 * The audit log file: opened for appending only (O_APPEND, created with mode
 * 0600), so every write lands at its end, whoever else appends to it. A
 * statement's lines go in with `append` and are made durable with `sync`.
 */
export class AuditLogFile {
  readonly path: string;
  /** The file's own path, links resolved: where its lock file goes, whatever name the setting used. */
  readonly realPath: string;
  /** The file opened (device and inode), as its lock names it. */
  readonly identity: FileIdentity;
  #fd: number | undefined;
  /** A flush to disk under way in the background (`syncSoon`). */
  #syncing: Promise<void> | undefined;

  private constructor(path: string, realPath: string, fd: number) {
    this.path = path;
    this.realPath = realPath;
    this.#fd = fd;
    const stats = fstatSync(fd, { bigint: true });
    this.identity = { dev: String(stats.dev), ino: String(stats.ino) };
  }

  /** Whether `path` still names the file opened (not rotated away, deleted or replaced since). */
  isCurrent(): boolean {
    try {
      const stats = statSync(this.path, { bigint: true });
      return String(stats.dev) === this.identity.dev && String(stats.ino) === this.identity.ino;
    } catch {
      return false;
    }
  }

  /** Opens (creates) `path` for appending; an AuditLogError saying why when it cannot. */
  static open(path: string): AuditLogFile {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'a', 0o600);
      return new AuditLogFile(path, realpathSync(path), fd);
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      throw AuditLogError.cannotOpen(path, error);
    }
  }

  /** The file's size now. */
  size(): number {
    return fstatSync(this.#open()).size;
  }

  /** Appends `bytes[start, end)`, whole (a short write is continued). */
  append(bytes: Uint8Array, start: number, end: number): void {
    const fd = this.#open();
    let at = start;
    while (at < end) at += writeSync(fd, bytes, at, end - at);
  }

  /** Flushes what was appended to the disk (fsync). */
  sync(): void {
    fsyncSync(this.#open());
  }

  /**
   * Starts flushing what was appended so far to the disk, in the background
   * (fdatasync on libuv's pool), unless a flush is under way: a statement
   * writing its lines as it runs leaves little for `sync` to wait for.
   */
  syncSoon(): void {
    if (this.#syncing !== undefined) return;
    const fd = this.#open();
    this.#syncing = new Promise<void>((resolve) => fdatasync(fd, () => resolve())).finally(() => {
      this.#syncing = undefined;
    });
  }

  /** Waits for a background flush under way (its failure is found again by `sync`). */
  async synced(): Promise<void> {
    await this.#syncing;
  }

  /**
   * Takes back a failed append of `written` bytes that began at `sizeBefore`,
   * but only while the file ends with it (no other writer has appended since):
   * another process's lines are never cut.
   */
  takeBack(sizeBefore: number, written: number): void {
    try {
      const fd = this.#open();
      const size = fstatSync(fd).size;
      if (size > sizeBefore && size <= sizeBefore + written) ftruncateSync(fd, sizeBefore);
    } catch {
      // The file cannot even be cut: the error that led here is what the user hears of.
    }
  }

  /** Closes the file (every commit has synced what it appended). */
  close(): void {
    const fd = this.#fd;
    if (fd === undefined) return;
    this.#fd = undefined;
    closeSync(fd);
  }

  #open(): number {
    if (this.#fd === undefined) throw AuditLogError.cannotWrite(this.path, new Error('it is closed'));
    return this.#fd;
  }
}
