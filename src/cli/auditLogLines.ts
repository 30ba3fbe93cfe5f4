import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { readLock } from '../session/AuditLogLock.js';
import { ISSUED_URL_FIELDS } from '../session/issuedUrlFields.js';
import { UsageError } from './UsageError.js';

/** One line of an audit log, read and checked: its number, its text and the fields a query needs. */
export interface AuditLogLine {
  readonly number: number;
  readonly text: string;
  readonly bucket: string;
  readonly key: string;
  readonly accessKeyId: string;
  /** Epoch milliseconds. */
  readonly signedAt: number;
  readonly expiresAt: number;
  readonly record: Readonly<Record<string, unknown>>;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const READ_BYTES = 4 * 1024 * 1024;

function typeOf(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

/** Why `record` is not an audit-log line, or undefined when it is one. */
function problemOf(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return `it is ${Array.isArray(record) ? 'an array' : typeOf(record)}, not an object`;
  const r = record as Record<string, unknown>;
  if ('verdict' in r && 'requestId' in r) return "it is a line of ossduck serve's access log (--access-log), not of the audit log (--audit-log)";
  for (const field of ISSUED_URL_FIELDS) {
    if (!(field.name in r)) return `it has no field '${field.name}'`;
    const value = r[field.name];
    const ok = field.type === 'string or null' ? value === null || typeof value === 'string' : typeof value === field.type;
    if (!ok) return `its field '${field.name}' is ${typeOf(value)}, not ${field.type}`;
  }
  for (const name of ['signedAt', 'expiresAt']) {
    if (!ISO_INSTANT.test(r[name] as string) || Number.isNaN(Date.parse(r[name] as string))) return `its field '${name}' is not an ISO 8601 instant`;
  }
  return undefined;
}

/**
 * The lines of the audit log at `path`, checked, up to the end it has when
 * reading starts (a log a running job appends to is read as it was then),
 * without the lines of a statement not yet ended (past the offset its lock
 * file names) nor a last line still being written (no line break yet). A line that is
 * not one of the log's is a UsageError naming the file and line, with why.
 */
export function* auditLogLines(path: string, command: string): Generator<AuditLogLine> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new UsageError(`${command}: cannot read '${path}': ${why}`);
  }
  try {
    if (fstatSync(fd).isDirectory()) throw new UsageError(`${command}: cannot read '${path}': it is a folder`);
    const size = committedSize(path, fd);
    let buffer = Buffer.alloc(READ_BYTES);
    let carried = 0;
    let number = 0;
    for (let at = 0; at < size; ) {
      if (carried === buffer.length) buffer = Buffer.concat([buffer, Buffer.alloc(buffer.length)]);
      const read = readSync(fd, buffer, carried, Math.min(buffer.length - carried, size - at), at);
      if (read === 0) break;
      at += read;
      const end = carried + read;
      let start = 0;
      for (let newline = buffer.indexOf(0x0a, carried); newline >= 0 && newline < end; newline = buffer.indexOf(0x0a, start)) {
        number++;
        const text = buffer.toString('utf8', start, newline).replace(/\r$/, '');
        start = newline + 1;
        if (text.trim() === '') continue;
        yield checked(text, number, path, command);
      }
      carried = end - start;
      buffer.copy(buffer, 0, start, end);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * How much of the log is committed: all of it, or, while a statement writes
 * its lines as it runs (or its process died doing so), what it held before
 * that statement took the lock.
 */
function committedSize(path: string, fd: number): number {
  const stats = fstatSync(fd, { bigint: true });
  const size = Number(stats.size);
  try {
    const lock = readLock(realpathSync(path));
    // A lock about another file (this one rotated in since) says nothing of this one.
    if (lock === undefined || lock.dev !== String(stats.dev) || lock.ino !== String(stats.ino)) return size;
    return Math.min(size, lock.offset);
  } catch {
    // A lock file that is not ossduck's says nothing about the log.
    return size;
  }
}

function checked(text: string, number: number, path: string, command: string): AuditLogLine {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${command}: ${path}:${number} is not a line of ossduck's audit log: it is not JSON (${(error as Error).message})`);
  }
  const problem = problemOf(record);
  if (problem !== undefined) throw new UsageError(`${command}: ${path}:${number} is not a line of ossduck's audit log: ${problem}`);
  const r = record as Record<string, unknown>;
  return {
    number,
    text,
    bucket: r['bucket'] as string,
    key: r['key'] as string,
    accessKeyId: r['accessKeyId'] as string,
    signedAt: Date.parse(r['signedAt'] as string),
    expiresAt: Date.parse(r['expiresAt'] as string),
    record: r,
  };
}
