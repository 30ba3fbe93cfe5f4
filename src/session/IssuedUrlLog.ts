import { hash, randomBytes } from 'node:crypto';
import { OssduckError } from '../OssduckError.js';
import type { ObjectTableDefinition } from '../catalog/ObjectTable.js';
import type { Presigner } from '../oss/signing/Presigner.js';
import type { IssuedUrls, UrlIssue } from '../udf/FunctionContext.js';
import { AuditLogError } from './AuditLogError.js';
import { AuditLogFile } from './AuditLogFile.js';
import { IssuedUrlExpander, RECORD_HEADER, WHOLE_LINE } from './IssuedUrlExpander.js';
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

/**
 * The audit log of issued URLs (`ossduck.audit_log`): the `IssuedUrls` the SQL
 * functions record into, and its lifecycle, which the session's statement
 * loop drives: `begin` before each statement (the log the setting names is
 * opened, or closed, then), `commit` when it has succeeded (its lines are
 * appended and synced to disk), `discard` when it fails (none of its lines is
 * written). Between them a statement's URLs are staged compactly (the issue's
 * number and the object name: a few dozen bytes a URL, `IssuedUrlStage`) and
 * expanded into lines as they are appended (`IssuedUrlExpander`). With the setting empty,
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
  readonly #expander = new IssuedUrlExpander();
  #recording = false;
  #committing = false;
  #closing = false;

  /** `path` reads the setting: the log's path, or '' when it is off. */
  constructor(path: () => string) {
    this.#path = path;
  }

  get recording(): boolean {
    return this.#recording;
  }

  /** Starts statement `number` of the session, whose text is `text`; an AuditLogError when the log cannot be opened. */
  begin(number: number, text: string): void {
    if (this.#committing) throw OssduckError.internal('a statement began while the audit log was still appending the previous one');
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
      stage.reserve(RECORD_HEADER + bytes);
      const buffer = stage.buffer;
      const at = stage.fill;
      buffer.writeUInt32LE(line.index, at);
      buffer.writeUInt32LE(bytes, at + 4);
      source.copy(buffer, at + RECORD_HEADER, start, end);
      stage.fill = at + RECORD_HEADER + bytes;
    } else {
      stage.reserve(RECORD_HEADER + line.maxBytes(end - start));
      const at = stage.fill;
      const lineEnd = line.write(source, start, end, stage.buffer, at + RECORD_HEADER);
      stage.buffer.writeUInt32LE(WHOLE_LINE, at);
      stage.buffer.writeUInt32LE(lineEnd - at - RECORD_HEADER, at + 4);
      stage.fill = lineEnd;
    }
  }

  addName(issue: UrlIssue, objectName: string): void {
    const bytes = Buffer.from(objectName, 'utf8');
    this.add(issue, bytes, 0, bytes.length);
  }

  /**
   * The statement succeeded: its lines go to the log, synced to disk. An
   * AuditLogError when they cannot. Each batch of lines is appended by a
   * thread of libuv's pool while the next is expanded here.
   */
  async commit(): Promise<void> {
    const ended = this.#end();
    if (ended === undefined) return;
    const { file } = ended;
    let sizeBefore = 0;
    let written = 0;
    let appending: Promise<void> | undefined;
    this.#committing = true;
    try {
      sizeBefore = file.size();
      for (const batch of this.#expander.batches(ended.stage, ended.issues)) {
        await appending;
        written += batch.length;
        appending = file.appendAsync(batch.buffer, 0, batch.length);
      }
      await appending;
      await file.syncAsync();
    } catch (error) {
      // An append still under way ends before the file is cut back.
      await appending?.catch(() => undefined);
      throw this.#failed(file, sizeBefore, written, error);
    } finally {
      this.#committing = false;
      this.#forget();
      if (this.#closing) this.#closeFile();
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
   * reading its rows): what it issued may be in use, so it is committed, here
   * and now.
   */
  settle(): void {
    const ended = this.#end();
    if (ended === undefined) return;
    const { file } = ended;
    let sizeBefore = 0;
    let written = 0;
    try {
      sizeBefore = file.size();
      for (const batch of this.#expander.batches(ended.stage, ended.issues)) {
        written += batch.length;
        file.append(batch.buffer, 0, batch.length);
      }
      file.sync();
    } catch (error) {
      throw this.#failed(file, sizeBefore, written, error);
    } finally {
      this.#forget();
    }
  }

  /** Closes the log, once a statement left open is settled (or, while one is being committed, once it is). */
  close(): void {
    if (this.#committing) {
      this.#closing = true;
      return;
    }
    try {
      this.settle();
    } finally {
      this.#closeFile();
    }
  }

  /** Ends the statement recording: what it staged, or undefined when there is nothing to append. */
  #end(): { file: AuditLogFile; stage: IssuedUrlStage; issues: readonly IssuedUrlLine[] } | undefined {
    if (!this.#recording) return undefined;
    this.#recording = false;
    this.#running = undefined;
    if (this.#stage!.bytes === 0) {
      this.#forget();
      return undefined;
    }
    return { file: this.#file!, stage: this.#stage!, issues: this.#issues };
  }

  /** Takes back what a failed commit appended; the error to throw. */
  #failed(file: AuditLogFile, sizeBefore: number, written: number, error: unknown): AuditLogError {
    file.takeBack(sizeBefore, written);
    return error instanceof AuditLogError ? error : AuditLogError.cannotWrite(file.path, error);
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
