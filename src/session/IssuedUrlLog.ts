import { hash, randomBytes } from 'node:crypto';
import type { ObjectTableDefinition } from '../catalog/ObjectTable.js';
import type { Presigner } from '../oss/signing/Presigner.js';
import type { IssuedUrls, UrlIssue } from '../udf/FunctionContext.js';
import { AuditLogError } from './AuditLogError.js';
import { AuditLogFile } from './AuditLogFile.js';
import { IssuedUrlLine } from './IssuedUrlLine.js';
import { IssuedUrlStage } from './IssuedUrlStage.js';

/** The statement running, as far as the log knows it. */
interface Running {
  readonly number: number;
  readonly text: string;
  hash: string | undefined;
}

/**
 * Issues a statement keeps in its table: their URLs are staged as the issue's
 * number and the object name, and become lines when the statement commits.
 * Past them (a statement that signs each row with its own expiry), a URL is
 * staged as its whole line, so memory stays bounded.
 */
const MAX_ISSUES = 4096;
/** A staged record: the issue's number (WHOLE_LINE: none, the line follows) and the length of what follows. */
const HEADER = 8;
const WHOLE_LINE = 0xffffffff;
/** Lines are appended to the log in writes of about this size, each ending at a line's end. */
const WRITE_BYTES = 1024 * 1024;

/**
 * The audit log of issued URLs (`ossduck.audit_log`): the `IssuedUrls` the SQL
 * functions record into, and its lifecycle, which the session's statement
 * loop drives: `begin` before each statement (the log the setting names is
 * opened, or closed, then), `commit` when it has succeeded (its lines are
 * appended and synced to disk), `discard` when it fails (none of its lines is
 * written). Between them a statement's URLs are staged compactly (the issue's
 * number and the object name: a few dozen bytes a URL, `IssuedUrlStage`) and
 * expanded into lines as they are appended. With the setting empty,
 * `recording` is false and the functions do nothing.
 */
export class IssuedUrlLog implements IssuedUrls {
  /** This session's id in every line. */
  readonly session = randomBytes(8).toString('hex');
  readonly #path: () => string;
  #file: AuditLogFile | undefined;
  #stage: IssuedUrlStage | undefined;
  #running: Running | undefined;
  #issues: IssuedUrlLine[] = [];
  #out: Buffer | undefined;
  #recording = false;

  /** `path` reads the setting: the log's path, or '' when it is off. */
  constructor(path: () => string) {
    this.#path = path;
  }

  get recording(): boolean {
    return this.#recording;
  }

  /** Starts statement `number` of the session, whose text is `text`; an AuditLogError when the log cannot be opened. */
  begin(number: number, text: string): void {
    this.settle();
    const path = this.#path();
    if (path !== (this.#file?.path ?? '')) {
      this.#closeFile();
      if (path !== '') {
        this.#file = AuditLogFile.open(path);
        this.#stage = new IssuedUrlStage(path);
      }
    }
    this.#running = { number, text, hash: undefined };
    this.#recording = this.#file !== undefined;
  }

  describe(functionName: string, table: ObjectTableDefinition, presigner: Presigner): UrlIssue {
    const running = this.#running!;
    running.hash ??= hash('sha256', running.text, 'hex');
    const statement = { session: this.session, number: running.number, hash: running.hash };
    const kept = this.#issues.length < MAX_ISSUES;
    const line = new IssuedUrlLine(functionName, table, presigner, statement, kept ? this.#issues.length : -1);
    if (kept) this.#issues.push(line);
    return line;
  }

  add(issue: UrlIssue, source: Buffer, start: number, end: number): void {
    const line = issue as IssuedUrlLine;
    const stage = this.#stage!;
    if (line.index >= 0) {
      const bytes = end - start;
      stage.reserve(HEADER + bytes);
      const buffer = stage.buffer;
      const at = stage.fill;
      buffer.writeUInt32LE(line.index, at);
      buffer.writeUInt32LE(bytes, at + 4);
      source.copy(buffer, at + HEADER, start, end);
      stage.fill = at + HEADER + bytes;
    } else {
      stage.reserve(HEADER + line.maxBytes(end - start));
      const at = stage.fill;
      const lineEnd = line.write(source, start, end, stage.buffer, at + HEADER);
      stage.buffer.writeUInt32LE(WHOLE_LINE, at);
      stage.buffer.writeUInt32LE(lineEnd - at - HEADER, at + 4);
      stage.fill = lineEnd;
    }
  }

  addName(issue: UrlIssue, objectName: string): void {
    const bytes = Buffer.from(objectName, 'utf8');
    this.add(issue, bytes, 0, bytes.length);
  }

  /** The statement succeeded: its lines go to the log, synced to disk. An AuditLogError when they cannot. */
  commit(): void {
    if (!this.#recording) return;
    this.#recording = false;
    this.#running = undefined;
    const file = this.#file!;
    const stage = this.#stage!;
    if (stage.bytes === 0) {
      this.#forget();
      return;
    }
    let sizeBefore = 0;
    let written = 0;
    try {
      sizeBefore = file.size();
      written = this.#appendLines(file, stage);
      file.sync();
    } catch (error) {
      file.takeBack(sizeBefore, written);
      throw error instanceof AuditLogError ? error : AuditLogError.cannotWrite(file.path, error);
    } finally {
      this.#forget();
    }
  }

  /** The statement failed: none of its lines is written. */
  discard(): void {
    this.#recording = false;
    this.#running = undefined;
    this.#forget();
  }

  /**
   * Ends a statement that neither succeeded nor failed (its caller stopped
   * reading its rows): what it issued may be in use, so it is committed.
   */
  settle(): void {
    this.commit();
  }

  /** Closes the log, once a statement left open is settled. */
  close(): void {
    try {
      this.settle();
    } finally {
      this.#closeFile();
    }
  }

  /** Expands the staged records into lines and appends them; returns the bytes appended (or tried). */
  #appendLines(file: AuditLogFile, stage: IssuedUrlStage): number {
    let out = (this.#out ??= Buffer.alloc(WRITE_BYTES * 2));
    const issues = this.#issues;
    let fill = 0;
    let appended = 0;
    /** Makes room for a line of up to `bytes`: what is written so far goes to the log first. */
    const room = (bytes: number): void => {
      if (fill + bytes <= out.length) return;
      appended += fill;
      file.append(out, 0, fill);
      fill = 0;
      if (bytes > out.length) out = this.#out = Buffer.alloc(bytes);
    };
    stage.replay((buffer, start, end) => {
      let at = start;
      while (at + HEADER <= end) {
        const index = buffer.readUInt32LE(at);
        const length = buffer.readUInt32LE(at + 4);
        if (at + HEADER + length > end) break;
        const from = at + HEADER;
        if (index === WHOLE_LINE) {
          room(length);
          fill += buffer.copy(out, fill, from, from + length);
        } else {
          const line = issues[index]!;
          room(line.maxBytes(length));
          fill = line.write(buffer, from, from + length, out, fill);
        }
        if (fill >= WRITE_BYTES) room(out.length);
        at = from + length;
      }
      return at;
    });
    appended += fill;
    file.append(out, 0, fill);
    return appended;
  }

  #forget(): void {
    this.#issues = [];
    this.#stage?.clear();
  }

  #closeFile(): void {
    const file = this.#file;
    const stage = this.#stage;
    this.#file = undefined;
    this.#stage = undefined;
    this.#recording = false;
    try {
      stage?.close();
    } finally {
      file?.close();
    }
  }
}
