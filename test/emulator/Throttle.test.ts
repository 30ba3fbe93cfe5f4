import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Throttle } from '../../src/emulator/Throttle.js';
import type { ThrottleClock } from '../../src/emulator/Throttle.js';

/** A clock that moves only when the throttle waits. */
function fakeClock(): ThrottleClock & { waits: number[] } {
  let now = 1000;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    wait: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
}

async function drain(stream: NodeJS.ReadableStream): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return chunks;
}

describe('Throttle', () => {
  it('sends 50 ms slices, each when the bytes before it have had their time', async () => {
    const clock = fakeClock();
    const bitsPerSecond = 819_200; // 102400 bytes/s: 5120-byte slices
    const throttle = new Throttle(bitsPerSecond, clock);
    const data = Buffer.alloc(102_400 + 100, 3);
    const chunks = await drain(Readable.from([data]).pipe(throttle));
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    // 21 slices of at most 5120 bytes; every one but the first waits for its turn.
    expect(clock.waits).toHaveLength(20);
    // The last byte goes once all before it had 102400 bytes/s: 1 s after the start.
    expect(clock.now() - 1000).toBeCloseTo(1000, 6);
    expect(clock.waits.every((w) => w > 0 && w <= 50.000001)).toBe(true);
  });

  it('passes bytes of many chunks through unchanged, at the same pace', async () => {
    const clock = fakeClock();
    const data = Buffer.from(Array.from({ length: 50_000 }, (_, i) => i % 251));
    const chunks = await drain(Readable.from([data.subarray(0, 7_777), data.subarray(7_777, 30_000), data.subarray(30_000)]).pipe(new Throttle(819_200, clock)));
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    // The last slice starts after the bytes before it: at most one slice (50 ms) short of 50000 bytes at 102400 bytes/s.
    expect(clock.now() - 1000).toBeGreaterThan((50_000 - 5120) / 102.4 - 1e-6);
    expect(clock.now() - 1000).toBeLessThan(50_000 / 102.4);
  });

  it('does not wait for a body within the first slice', async () => {
    const clock = fakeClock();
    await drain(Readable.from([Buffer.alloc(100)]).pipe(new Throttle(8_000_000, clock)));
    expect(clock.waits).toEqual([]);
  });
});
