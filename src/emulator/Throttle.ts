import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';

/** How the throttle tells time and waits; injectable for tests. */
export interface ThrottleClock {
  /** Milliseconds, monotonic. */
  now(): number;
  wait(ms: number): Promise<void>;
}

export const realClock: ThrottleClock = {
  now: () => performance.now(),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Passes bytes through at no more than `bitsPerSecond`, as OSS's
 * `x-oss-traffic-limit` limits a transfer: the bytes go in slices of 50 ms
 * worth, each one sent when the bytes before it have had their time, so the
 * whole transfer of n bytes takes at least (n - one slice) * 8 / bitsPerSecond
 * seconds.
 */
export class Throttle extends Transform {
  readonly #bytesPerMs: number;
  readonly #slice: number;
  readonly #clock: ThrottleClock;
  #start: number | undefined;
  #sent = 0;

  constructor(bitsPerSecond: number, clock: ThrottleClock = realClock) {
    super();
    this.#bytesPerMs = bitsPerSecond / 8 / 1000;
    this.#slice = Math.max(1, Math.floor(this.#bytesPerMs * 50));
    this.#clock = clock;
  }

  /** When the byte at offset `sent` may go, in the clock's milliseconds. */
  dueAt(sent: number): number {
    return (this.#start ?? this.#clock.now()) + sent / this.#bytesPerMs;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#start ??= this.#clock.now();
    void this.#pace(chunk).then(() => callback(), callback);
  }

  async #pace(chunk: Buffer): Promise<void> {
    for (let offset = 0; offset < chunk.length; offset += this.#slice) {
      const wait = this.dueAt(this.#sent) - this.#clock.now();
      if (wait > 0) await this.#clock.wait(wait);
      const piece = chunk.subarray(offset, offset + this.#slice);
      this.#sent += piece.length;
      this.push(piece);
    }
  }
}
