import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { requestRecordJson } from './RequestRecord.js';
import type { RequestObserver, RequestRecord } from './RequestRecord.js';

/**
 * The emulator's access log: every finished request as one JSON line
 * (`requestRecordJson`: instant, request id, method, bucket, key, auth kind,
 * signature version, AccessKeyId, STS or not, expiry, status, OSS error code,
 * verdict, bytes each way, latency, User-Agent), appended to a file opened
 * for appending and written with one write call per line, so each line
 * reaches the file as the request finishes and concurrent writers never
 * interleave within a line. Built from the same records the console shows;
 * they hold no signature, security token or secret.
 */
export class AccessLog implements RequestObserver {
  readonly path: string;
  #fd: number | undefined;
  readonly #problem: (message: string) => void;

  /**
   * Opens (creates, mode 0600) `path` for appending; throws the file
   * system's error when it cannot. `problem` hears once of a write that fails,
   * after which the log is closed and the server goes on without it.
   */
  constructor(path: string, problem: (message: string) => void) {
    this.path = path;
    this.#problem = problem;
    this.#fd = openSync(path, 'a', 0o600);
  }

  requestFinished(record: RequestRecord): void {
    if (this.#fd === undefined) return;
    const line = Buffer.from(`${JSON.stringify(requestRecordJson(record))}\n`, 'utf8');
    try {
      let written = 0;
      while (written < line.length) written += writeSync(this.#fd, line, written);
    } catch (error) {
      this.#problem(`the access log ${this.path} could not be written (${(error as Error).message}); no further requests are logged`);
      this.close();
    }
  }

  /** Flushes to disk and closes. */
  close(): void {
    const fd = this.#fd;
    if (fd === undefined) return;
    this.#fd = undefined;
    try {
      fsyncSync(fd);
    } catch {
      // Nothing more can be done for a file that cannot be synced; closing still releases it.
    }
    closeSync(fd);
  }
}
