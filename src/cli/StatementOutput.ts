import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { once } from 'node:events';

/** Writes `text` to `stream`, waiting when the stream asks to. */
export async function writeOut(stream: Writable, text: string): Promise<void> {
  if (text === '') return;
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * One statement's output, held back until the statement has succeeded, so a
 * statement that fails on its last row prints nothing. Past `spillBytes` it
 * goes to a temporary file instead of memory.
 */
export class StatementOutput {
  readonly #spillBytes: number;
  #parts: string[] = [];
  #size = 0;
  #dir: string | undefined;
  #fd: number | undefined;
  /** A process that exits while output is held (a signal, its parent gone) leaves no file behind. */
  readonly #removeAtExit = (): void => {
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
  };

  constructor(spillBytes = 32 * 1024 * 1024) {
    this.#spillBytes = spillBytes;
  }

  write(text: string): void {
    if (text === '') return;
    if (this.#fd !== undefined) {
      writeSync(this.#fd, text);
      return;
    }
    this.#parts.push(text);
    this.#size += text.length;
    if (this.#size > this.#spillBytes) this.#spill();
  }

  /** Sends everything held to `stream` and forgets it. */
  async commit(stream: Writable): Promise<void> {
    if (this.#fd !== undefined) {
      closeSync(this.#fd);
      this.#fd = undefined;
      const source = createReadStream(join(this.#dir!, 'out'));
      for await (const chunk of source) await writeOut(stream, chunk.toString());
    } else {
      for (const part of this.#parts) await writeOut(stream, part);
    }
    this.discard();
  }

  /** Drops everything held. */
  discard(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
    process.off('exit', this.#removeAtExit);
    this.#parts = [];
    this.#size = 0;
  }

  #spill(): void {
    this.#dir = mkdtempSync(join(tmpdir(), 'ossduck-out-'));
    process.once('exit', this.#removeAtExit);
    this.#fd = openSync(join(this.#dir, 'out'), 'w', 0o600);
    for (const part of this.#parts) writeSync(this.#fd, part);
    this.#parts = [];
  }
}
