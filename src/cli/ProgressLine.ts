import type { CliIo } from './CliIo.js';

/**
 * A one-line progress display on a terminal's stderr (rewritten in place),
 * silent when stderr is not a terminal.
 */
export class ProgressLine {
  readonly #stream: CliIo['stderr'];
  #shown = false;

  constructor(stream: CliIo['stderr']) {
    this.#stream = stream;
  }

  show(message: string): void {
    if (!this.#stream.isTTY) return;
    this.#stream.write(`\r\x1b[K${message}`);
    this.#shown = true;
  }

  clear(): void {
    if (!this.#shown) return;
    this.#stream.write('\r\x1b[K');
    this.#shown = false;
  }
}
