import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';
import { emulatorPresigner, getUrl, signedRequest } from './httpClient.js';

/**
 * Slowloris against the emulator, with its timeouts made short so the test
 * is quick: 500 connections that send a refused upload and then trickle its
 * body, 500 signed uploads trickling under the body-rate floor, 500
 * connections trickling their headers. Each kind is cut off by the server,
 * and a valid presigned request is answered while they are held.
 */

const SOCKETS = 500;
const GIB = 1024 ** 3;

let env: Running | undefined;

afterEach(async () => {
  await env?.close();
  env = undefined;
});

interface Held {
  readonly socket: Socket;
  /** What the server sent back. */
  received: string;
  /** Resolves when the connection is gone; `byServer` when the server ended it first. */
  readonly closed: Promise<{ byServer: boolean }>;
}

/** Opens a connection, sends `head`, then one byte of `trickle` every tick until the server closes it. */
function hold(port: number, head: string): Promise<Held> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let byServer = false;
    const held: Held = {
      socket,
      received: '',
      closed: new Promise((done) => socket.once('close', () => done({ byServer }))),
    };
    socket.on('data', (chunk: Buffer) => (held.received += chunk.toString('latin1')));
    socket.on('end', () => (byServer = true));
    socket.on('error', () => (byServer = true));
    socket.once('connect', () => socket.write(head, () => resolve(held)));
    socket.once('error', reject);
  });
}

/** Writes one byte to every connection still open, every `ms`, until stopped. */
function trickle(held: readonly Held[], byte: string, ms: number): () => void {
  const timer = setInterval(() => {
    for (const h of held) if (!h.socket.destroyed && h.socket.writable) h.socket.write(byte);
  }, ms);
  return () => clearInterval(timer);
}

async function putOk(running: Running): Promise<void> {
  running.now = Date.now();
  const put = await signedRequest(running, { method: 'PUT', bucket: 'bkt', key: 'ok.txt', body: Buffer.from('still served') });
  expect(put.status, put.text).toBe(200);
}

async function validGet(running: Running): Promise<void> {
  const res = await getUrl(emulatorPresigner(running).url('ok.txt'));
  expect([res.status, res.text]).toEqual([200, 'still served']);
}

describe('OssEmulator with slow clients', () => {
  it('closes 500 refused uploads after their error instead of waiting for the 1 GiB body', async () => {
    env = await startEmulator({ buckets: ['bkt'] });
    await putOk(env);
    const port = env.emulator.port;
    const head = (i: number): string => `PUT /bkt/refused-${i}.bin HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: ${GIB}\r\n\r\nabc`;
    const held = await Promise.all(Array.from({ length: SOCKETS }, (_, i) => hold(port, head(i))));
    const stop = trickle(held, 'x', 50);
    try {
      await validGet(env);
      const closed = await Promise.all(held.map((h) => h.closed));
      expect(closed.filter((c) => c.byServer).length).toBe(SOCKETS);
      for (const h of held) {
        expect(h.received).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
        expect(h.received).toContain('\r\nConnection: close\r\n');
        expect(h.received).toContain('<Code>AccessDenied</Code>');
      }
    } finally {
      stop();
      for (const h of held) h.socket.destroy();
    }
    await validGet(env);
  });

  it('cuts off 500 signed uploads trickling under the body-rate floor, keeping the stored object whole', async () => {
    env = await startEmulator({ buckets: ['bkt'], emulator: { timeouts: { bodyWindowMs: 500, bodyMinBytesPerSecond: 4096 } } });
    await putOk(env);
    const port = env.emulator.port;
    const url = new URL(emulatorPresigner(env, { method: 'PUT' }).url('ok.txt'));
    const head = `PUT ${url.pathname}${url.search} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: ${GIB}\r\n\r\npartial`;
    const held = await Promise.all(Array.from({ length: SOCKETS }, () => hold(port, head)));
    const stop = trickle(held, 'y', 100);
    try {
      await validGet(env);
      const closed = await Promise.all(held.map((h) => h.closed));
      expect(closed.filter((c) => c.byServer).length).toBe(SOCKETS);
      // Cut off mid-body: no answer was due.
      for (const h of held) expect(h.received).toBe('');
    } finally {
      stop();
      for (const h of held) h.socket.destroy();
    }
    expect(env.logs.filter((line) => line.includes('under 4096 B/s: connection closed')).length).toBe(SOCKETS);
    await validGet(env);
    // Aborted uploads leave no temporary file behind (they are removed as their streams end).
    const tmp = join(env.root, '.ossduck', 'tmp');
    for (let parts = await readdir(tmp); parts.some((n) => n.endsWith('.part')); parts = await readdir(tmp)) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  });

  it('answers 408 and closes 500 connections whose headers trickle past the headers timeout', async () => {
    env = await startEmulator({ buckets: ['bkt'], emulator: { timeouts: { headersMs: 400 } } });
    await putOk(env);
    const port = env.emulator.port;
    const held = await Promise.all(Array.from({ length: SOCKETS }, () => hold(port, `GET /bkt/ok.txt HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `)));
    const stop = trickle(held, 'z', 50);
    try {
      await validGet(env);
      const closed = await Promise.all(held.map((h) => h.closed));
      expect(closed.filter((c) => c.byServer).length).toBe(SOCKETS);
      for (const h of held) expect(h.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    } finally {
      stop();
      for (const h of held) h.socket.destroy();
    }
    await validGet(env);
  });

  it('closes a connection whose client stops reading a download, once it has been idle for idleMs', async () => {
    // Long enough that the upload before it never sits idle that long, even on a busy machine.
    env = await startEmulator({ buckets: ['bkt'], emulator: { timeouts: { idleMs: 1500 } } });
    env.now = Date.now();
    // Far more than the socket buffers hold, so the server's writes stall once the client stops reading.
    const big = Buffer.alloc(16 * 1024 * 1024, 7);
    const put = await signedRequest(env, { method: 'PUT', bucket: 'bkt', key: 'big.bin', body: big });
    expect(put.status).toBe(200);
    const url = new URL(emulatorPresigner(env).url('big.bin'));
    const port = env.emulator.port;
    const held = await hold(port, `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    held.socket.pause();
    try {
      while (!env.logs.some((line) => line.startsWith('closing a connection idle for 1500 ms'))) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      held.socket.destroy();
    }
    await held.closed;
  });

  it('refuses timeouts that are not positive numbers, naming the option', async () => {
    await expect(startEmulator({ emulator: { timeouts: { headersMs: 0 } } })).rejects.toThrow(/emulator timeout headersMs must be a positive number of ms/);
    await expect(startEmulator({ emulator: { timeouts: { bodyMs: 5 } as never } })).rejects.toThrow(/unknown emulator timeout 'bodyMs'; known: headersMs, bodyMinBytesPerSecond, bodyWindowMs, idleMs/);
    await expect(startEmulator({ emulator: { latencyMs: -1 } })).rejects.toThrow(/emulator latency must be 0 or more ms, got -1/);
  });
});
