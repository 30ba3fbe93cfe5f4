import type { Readable } from 'node:stream';

/** One line of a byte stream: its 1-based number and its bytes, without the line break. */
export interface ByteLine {
  readonly number: number;
  readonly bytes: Uint8Array;
}

/**
 * The lines of `stream` as bytes, never decoded (so text that is not UTF-8
 * reaches the caller as it is). A line ends at LF; a CR just before the LF is
 * part of the line break (files written on Windows). The text after the last
 * LF is a line when it is not empty.
 */
export async function* byteLines(stream: Readable): AsyncGenerator<ByteLine> {
  let pending: Buffer = Buffer.alloc(0);
  let number = 0;
  const line = (bytes: Buffer): ByteLine => {
    number++;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    return { number, bytes: bytes.subarray(0, end) };
  };
  for await (const chunk of stream) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let buffer = pending.length > 0 ? Buffer.concat([pending, data]) : data;
    let newline = buffer.indexOf(0x0a);
    while (newline >= 0) {
      yield line(buffer.subarray(0, newline));
      buffer = buffer.subarray(newline + 1);
      newline = buffer.indexOf(0x0a);
    }
    pending = Buffer.from(buffer);
  }
  if (pending.length > 0) yield line(pending);
}
