import { hash, randomBytes } from 'node:crypto';
import type { ObjectTableDefinition } from '../catalog/ObjectTable.js';
import type { Presigner } from '../oss/signing/Presigner.js';
import type { IssuedUrls, UrlIssue } from '../udf/FunctionContext.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditLogError } from './AuditLogError.js';
import { AuditLogFile } from './AuditLogFile.js';
import { AuditLogLock, lockPathOf, readLock } from './AuditLogLock.js';
import type { TakeOptions } from './AuditLogLock.js';
import { IssuedUrlLine } from './IssuedUrlLine.js';
import { IssuedUrlStage } from './IssuedUrlStage.js';
import { IssuedUrlWriter, RECORD_HEADER as HEADER, WHOLE_LINE } from './IssuedUrlWriter.js';

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
/** Bytes written as the statement runs between two background flushes to disk. */
const SYNC_EVERY_BYTES = 64 * 1024 * 1024;
/** How often a statement waiting for another writer's lock looks again, and after how long the user is told. */
const WAIT_MS = 25;
const NOTICE_AFTER_MS = 1000;

/**
 * The audit log of issued URLs (`ossduck.audit_log`): the `IssuedUrls` the SQL
 * functions record into, and its lifecycle, which the session's statement
 * loop drives: `begin` before each statement (the log the setting names is
 * opened, or closed, then), `commit` when it has succeeded (its lines are in
 * the log, synced to disk), `discard` when it fails (none of its lines stays).
 *
 * A statement's URLs are staged compactly (the issue's number and the object
 * name: a few dozen bytes a URL, `IssuedUrlStage`). Once they pass the
 * stage's first megabyte, the statement takes the log's lock
 * (`AuditLogLock`) if it is free and from then on writes its lines as its
 * rows are produced, flushing them to disk in the background; a failure cuts
 * the log back to where it was. Without the lock (another writer holds it),
 * or for a small statement, the lines are written when it commits, under the
 * lock, waited for. With the setting empty, `recording` is false and the
 * functions do nothing.
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
  /** The lock, while this statement writes its lines as it runs. */
  #lock: AuditLogLock | undefined;
  #writer: IssuedUrlWriter | undefined;
  /** Whether this statement may still start writing as it runs (once tried and refused, it stages). */
  #mayStream = true;
  #sinceSync = 0;
  /** Stops a wait for another writer's lock (`interrupt`). */
  #waiting: AbortController | undefined;

  readonly #notice: (message: string) => void;

  /** `path` reads the setting: the log's path, or '' when it is off; `notice` tells the user of a wait for another writer. */
  constructor(path: () => string, notice: (message: string) => void = () => undefined) {
    this.#path = path;
    this.#notice = notice;
  }

  get recording(): boolean {
    return this.#recording;
  }

  /** Starts statement `number` of the session, whose text is `text`; an AuditLogError when the log cannot be opened. */
  async begin(number: number, text: string): Promise<void> {
    await this.settle();
    const path = this.#path();
    // A log rotated away (or deleted) since: the file now at the path is opened, as a new log.
    if (path !== (this.#file?.path ?? '') || (this.#file !== undefined && !this.#file.isCurrent())) {
      this.#closeFile();
      if (path !== '') {
        this.#file = AuditLogFile.open(path);
        this.#stage = new IssuedUrlStage(path);
      }
    }
    this.#running = { number, text, hash: undefined };
    this.#recording = this.#file !== undefined;
    this.#mayStream = true;
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
      this.#reserve(stage, HEADER + bytes);
      const buffer = stage.buffer;
      const at = stage.fill;
      buffer.writeUInt32LE(line.index, at);
      buffer.writeUInt32LE(bytes, at + 4);
      source.copy(buffer, at + HEADER, start, end);
      stage.fill = at + HEADER + bytes;
    } else {
      this.#reserve(stage, HEADER + line.maxBytes(end - start));
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

  /** The statement succeeded: its lines are in the log, synced to disk. An AuditLogError when they cannot be. */
  async commit(): Promise<void> {
    if (!this.#recording) return;
    this.#recording = false;
    this.#running = undefined;
    const file = this.#file!;
    const stage = this.#stage!;
    if (stage.bytes === 0) {
      this.#forget();
      return;
    }
    // From here on this statement's lines stay: no other session may take its lock over.
    this.#lock?.pin();
    try {
      if (this.#lock === undefined) {
        // Staged whole: written now, under the lock (taken, then held without a pause until released).
        this.#lock = await this.#takeLock(file);
        this.#writer = new IssuedUrlWriter(file, this.#issues, this.#output());
        stage.replay((buffer, start, end) => this.#writer!.records(buffer, start, end));
      } else {
        // Every record gone to the staging file was written as the statement ran: what is left is the buffer's.
        this.#writer!.records(stage.buffer, 0, stage.fill);
      }
      this.#writer!.flush();
      await file.synced();
      file.sync();
    } catch (error) {
      this.#cutBack();
      throw error instanceof AuditLogError ? error : AuditLogError.cannotWrite(file.path, error);
    } finally {
      this.#release();
      this.#forget();
    }
  }

  /** The statement failed: none of its lines stays in the log. */
  discard(): void {
    this.#recording = false;
    this.#running = undefined;
    this.#cutBack();
    this.#release();
    this.#forget();
  }

  /**
   * Ends a statement that neither succeeded nor failed (its caller stopped
   * reading its rows): what it issued may be in use, so it is committed.
   */
  async settle(): Promise<void> {
    await this.commit();
  }

  /** Stops a wait for another writer (the statement then fails, its URLs not recorded). */
  interrupt(): void {
    this.#waiting?.abort();
  }

  /** Closes the log, once a statement left open is settled. */
  async close(): Promise<void> {
    try {
      await this.settle();
    } finally {
      this.#closeFile();
    }
  }

  /** Makes room in the stage; a full stage's records are first written to the log when this statement holds its lock. */
  #reserve(stage: IssuedUrlStage, bytes: number): void {
    if (stage.fill + bytes > stage.buffer.length && this.#mayStream) this.#writeAsRunning(stage);
    stage.reserve(bytes);
  }

  /** Writes the stage's records to the log as the statement runs, taking the lock the first time (or staging on, when it is held). */
  #writeAsRunning(stage: IssuedUrlStage): void {
    const file = this.#file!;
    try {
      if (this.#lock === undefined) {
        this.#lock = stage.spilledBytes === 0 ? this.#tryLock(file, { giveUp: () => this.#giveUp(), takeOver: false }) : undefined;
        if (this.#lock === undefined) {
          this.#mayStream = false;
          return;
        }
        this.#writer = new IssuedUrlWriter(file, this.#issues, this.#output());
        this.#sinceSync = 0;
      }
      const writer = this.#writer!;
      const before = writer.appended;
      writer.records(stage.buffer, 0, stage.fill);
      writer.flush();
      this.#sinceSync += writer.appended - before;
      if (this.#sinceSync >= SYNC_EVERY_BYTES) {
        this.#sinceSync = 0;
        file.syncSoon();
      }
    } catch (error) {
      throw error instanceof AuditLogError ? error : AuditLogError.cannotWrite(file.path, error);
    }
  }

  /** Another session of this process must append: the lines written so far are cut off, and this statement stages the rest. */
  #giveUp(): void {
    this.#cutBack();
    this.#release();
    this.#mayStream = false;
  }

  #tryLock(file: AuditLogFile, options: TakeOptions): AuditLogLock | undefined {
    try {
      return AuditLogLock.tryTake(file.realPath, file.identity, () => file.size(), (offset) => file.takeBack(offset, file.size() - offset), options);
    } catch (error) {
      throw error instanceof AuditLogError ? error : AuditLogError.cannotLock(file.path, lockPathOf(file.realPath), error);
    }
  }

  /** The lock, waited for while another live process holds it (`interrupt` stops the wait). */
  async #takeLock(file: AuditLogFile): Promise<AuditLogLock> {
    const waiting = (this.#waiting = new AbortController());
    try {
      const since = performance.now();
      let told = false;
      for (;;) {
        const lock = this.#tryLock(file, { takeOver: true });
        if (lock !== undefined) return lock;
        const holder = readLock(file.realPath)?.pid ?? 0;
        if (!told && performance.now() - since >= NOTICE_AFTER_MS) {
          told = true;
          this.#notice(`the audit log '${file.path}' is being written by process ${holder} (a statement writing its URLs as it runs); waiting for it to end (Ctrl-C stops waiting)`);
        }
        await sleep(WAIT_MS, undefined, { signal: waiting.signal }).catch(() => {
          throw AuditLogError.stoppedWaiting(file.path, holder);
        });
      }
    } finally {
      this.#waiting = undefined;
    }
  }

  /** Cuts off what this statement wrote to the log under its lock. */
  #cutBack(): void {
    if (this.#lock === undefined || this.#writer === undefined) return;
    this.#file!.takeBack(this.#lock.offset, this.#writer.appended);
  }

  #release(): void {
    this.#lock?.release();
    this.#lock = undefined;
    this.#writer = undefined;
  }

  #output(): Buffer {
    return (this.#out ??= IssuedUrlWriter.buffer());
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
