import type { Readable } from 'node:stream';

export type BodyOutcome =
  | { readonly ok: true; readonly data: Uint8Array }
  | { readonly ok: false; readonly reason: 'tooLarge'; readonly bytes: number }
  | { readonly ok: false; readonly reason: 'stalled' }
  | { readonly ok: false; readonly reason: 'failed'; readonly message: string };

/** The first buffer of a body whose length is not said. */
const FIRST_GUESS = 64 * 1024;

/**
 * Reads a response body into one buffer, sized from `expected` (the
 * Content-Length) when given. It stops, destroying the stream (which closes
 * the connection, so no more bytes are transferred), as soon as the body
 * passes `maxBytes`, or when no byte has come for `idleMs`. A body that ends
 * short of `expected` is a failure.
 */
export function readBody(stream: Readable, expected: number | undefined, maxBytes: number, idleMs: number): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    let buffer = new Uint8Array(expected ?? Math.min(maxBytes, FIRST_GUESS));
    let filled = 0;
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: BodyOutcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (!outcome.ok) stream.destroy();
      resolve(outcome);
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => finish({ ok: false, reason: 'stalled' }), idleMs);
    };
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      arm();
      const need = filled + chunk.byteLength;
      if (need > maxBytes) return finish({ ok: false, reason: 'tooLarge', bytes: need });
      if (need > buffer.byteLength) {
        const grown = new Uint8Array(Math.min(maxBytes, Math.max(need, buffer.byteLength * 2)));
        grown.set(buffer.subarray(0, filled));
        buffer = grown;
      }
      buffer.set(chunk, filled);
      filled = need;
    });
    stream.on('end', () => {
      if (expected !== undefined && filled < expected) {
        finish({ ok: false, reason: 'failed', message: `the connection ended after ${filled} of ${expected} bytes` });
      } else {
        finish({ ok: true, data: filled === buffer.byteLength ? buffer : buffer.subarray(0, filled) });
      }
    });
    stream.on('error', (error: Error) => finish({ ok: false, reason: 'failed', message: error.message }));
    stream.on('close', () => finish({ ok: false, reason: 'failed', message: `the connection closed after ${filled} bytes` }));
    arm();
  });
}
