import type { IssuedUrlLine } from './IssuedUrlLine.js';
import type { IssuedUrlStage } from './IssuedUrlStage.js';

/** A staged record starts with the issue's number (WHOLE_LINE: none, the line follows) and the length of what follows, 4 bytes each. */
export const RECORD_HEADER = 8;
export const WHOLE_LINE = 0xffffffff;
/** Lines are handed out in batches of about this size, each ending at a line's end. */
const BATCH_BYTES = 4 * 1024 * 1024;

/** Lines ready to append: `buffer[0, length)`. */
export interface LineBatch {
  readonly buffer: Buffer;
  readonly length: number;
}

/**
 * Turns a statement's staged records back into its audit-log lines, in
 * order, in batches of about 4 MB that each end at a line's end. Batches
 * alternate between two buffers, so a batch's bytes stay as they are until
 * the batch after next is asked for: its reader may append it while the next
 * one is expanded. The buffers are kept for the next statement.
 */
export class IssuedUrlExpander {
  readonly #buffers: Buffer[] = [];

  /** The lines of the records staged in `stage`; `issues` are the statement's issues by number. */
  *batches(stage: IssuedUrlStage, issues: readonly IssuedUrlLine[]): Generator<LineBatch> {
    let which = 0;
    let out = this.#buffer(which, 0);
    let fill = 0;
    for (const segment of stage.replay()) {
      const { buffer, end } = segment;
      let at = segment.start;
      while (at + RECORD_HEADER <= end) {
        const index = buffer.readUInt32LE(at);
        const length = buffer.readUInt32LE(at + 4);
        const from = at + RECORD_HEADER;
        if (from + length > end) break;
        const line = index === WHOLE_LINE ? undefined : issues[index]!;
        const bytes = line === undefined ? length : line.maxBytes(length);
        if (fill + bytes > out.length) {
          if (fill > 0) yield { buffer: out, length: fill };
          which ^= 1;
          out = this.#buffer(which, bytes);
          fill = 0;
        }
        fill = line === undefined ? fill + buffer.copy(out, fill, from, from + length) : line.write(buffer, from, from + length, out, fill);
        at = from + length;
        if (fill >= BATCH_BYTES) {
          yield { buffer: out, length: fill };
          which ^= 1;
          out = this.#buffer(which, 0);
          fill = 0;
        }
      }
      segment.used = at;
    }
    if (fill > 0) yield { buffer: out, length: fill };
  }

  /** Buffer `which` (0 or 1), with room for a batch and a line of `bytes`. */
  #buffer(which: number, bytes: number): Buffer {
    const buffer = this.#buffers[which];
    if (buffer !== undefined && buffer.length >= BATCH_BYTES + bytes) return buffer;
    return (this.#buffers[which] = Buffer.alloc(BATCH_BYTES + Math.max(bytes, BATCH_BYTES)));
  }
}
