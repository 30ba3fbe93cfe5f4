import type { AuditLogFile } from './AuditLogFile.js';
import type { IssuedUrlLine } from './IssuedUrlLine.js';

/** A staged record: the issue's number (WHOLE_LINE: none, the line follows) and the length of what follows. */
export const RECORD_HEADER = 8;
export const WHOLE_LINE = 0xffffffff;
/** Lines are appended to the log in writes of about this size, each ending at a line's end. */
const WRITE_BYTES = 1024 * 1024;

/**
 * Turns staged records (see IssuedUrlLog.add) into the log's lines and
 * appends them to the file in writes of about 1 MB, each ending at a line's
 * end. `appended` counts the bytes handed to the file so far (the ones a
 * failed append may have left there).
 */
export class IssuedUrlWriter {
  readonly #file: AuditLogFile;
  readonly #issues: readonly IssuedUrlLine[];
  #out: Buffer;
  #fill = 0;
  appended = 0;

  constructor(file: AuditLogFile, issues: readonly IssuedUrlLine[], out: Buffer) {
    this.#file = file;
    this.#issues = issues;
    this.#out = out;
  }

  /** An output buffer of the size the writer works in. */
  static buffer(): Buffer {
    return Buffer.alloc(WRITE_BYTES * 2);
  }

  /** Writes the whole records in `buffer[start, end)` as lines; returns where they end (a record cut short stays). */
  records(buffer: Buffer, start: number, end: number): number {
    const issues = this.#issues;
    let at = start;
    while (at + RECORD_HEADER <= end) {
      const index = buffer.readUInt32LE(at);
      const length = buffer.readUInt32LE(at + 4);
      if (at + RECORD_HEADER + length > end) break;
      const from = at + RECORD_HEADER;
      if (index === WHOLE_LINE) {
        this.#room(length);
        this.#fill += buffer.copy(this.#out, this.#fill, from, from + length);
      } else {
        const line = issues[index]!;
        this.#room(line.maxBytes(length));
        this.#fill = line.write(buffer, from, from + length, this.#out, this.#fill);
      }
      if (this.#fill >= WRITE_BYTES) this.flush();
      at = from + length;
    }
    return at;
  }

  /** Appends what is written so far. */
  flush(): void {
    const fill = this.#fill;
    this.#fill = 0;
    this.appended += fill;
    this.#file.append(this.#out, 0, fill);
  }

  /** Makes room for a line of up to `bytes`: what is written so far goes to the file first. */
  #room(bytes: number): void {
    if (this.#fill + bytes <= this.#out.length) return;
    this.flush();
    if (bytes > this.#out.length) this.#out = Buffer.alloc(bytes);
  }
}
