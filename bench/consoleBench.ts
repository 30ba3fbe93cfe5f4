/**
 * What the web console and the access log cost `ossduck serve`: presigned
 * GETs of 4 KB objects, 64 in flight, against the same server without a
 * console (the reference), with the console (every request recorded and kept),
 * with a page subscribed to its event stream (every request also serialised and
 * pushed), and with that plus `--access-log` (every request also written as a
 * JSON line). Configurations alternate round by round; the best round of each
 * counts, as a ratio to the reference.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Credentials } from '../src/oss/Credentials.js';
import { runLoad } from '../test/support/LoadDriver.js';
import { ServeProcess } from '../test/support/ServeProcess.js';

const ID = 'LTAI5tBenchConsole';
const SECRET = 'bench-console-secret';
const KEYS = 100;

export interface ConsoleFigures {
  readonly gets: number;
  readonly concurrency: number;
  readonly rounds: number;
  /** Best requests per second of each configuration, and its ratio to the server without a console. */
  readonly configurations: readonly { readonly name: string; readonly requestsPerSecond: readonly number[]; readonly best: number; readonly ratio: number; readonly errors: number }[];
}

interface Configuration {
  readonly name: string;
  readonly args: (dir: string) => string[];
  readonly subscribe: boolean;
}

const CONFIGURATIONS: readonly Configuration[] = [
  { name: 'ossduck serve --no-console (reference)', args: () => ['--no-console'], subscribe: false },
  { name: 'with the console', args: () => [], subscribe: false },
  { name: 'with the console and a page watching', args: () => [], subscribe: true },
  { name: 'console, page watching, --access-log', args: (dir) => ['--access-log', join(dir, 'access.log')], subscribe: true },
];

/** Reads the console's event stream to the end, as a page would. */
function subscribe(consoleUrl: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const u = new URL(`${consoleUrl}api/events`);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, agent: false }, (res) => {
      res.resume();
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
}

async function measure(config: Configuration, gets: number, concurrency: number): Promise<{ requestsPerSecond: number; errors: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ossduck-bench-console-'));
  mkdirSync(join(dir, 'oss', 'bench'), { recursive: true });
  const serve = await ServeProcess.start(['--port', '0', '--root', join(dir, 'oss'), ...config.args(dir)], { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET });
  let stream: IncomingMessage | undefined;
  try {
    const credentials = new Credentials({ accessKeyId: ID, accessKeySecret: SECRET });
    const put = serve.presigner({ credentials, bucket: 'bench', method: 'PUT' });
    const get = serve.presigner({ credentials, bucket: 'bench', method: 'GET' });
    await runLoad({ total: KEYS, concurrency, next: (k) => ({ method: 'PUT', url: put.url(`obj/${k}.bin`), body: Buffer.alloc(4096, 97 + (k % 26)) }) });
    if (config.subscribe) stream = await subscribe(serve.consoleUrl!);
    await runLoad({ total: 500, concurrency, next: (i) => ({ method: 'GET', url: get.url(`obj/${i % KEYS}.bin`) }) });
    const run = await runLoad({ total: gets, concurrency, next: (i) => ({ method: 'GET', url: get.url(`obj/${i % KEYS}.bin`) }) });
    return { requestsPerSecond: run.requestsPerSecond, errors: run.errors };
  } finally {
    stream?.destroy();
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function consoleBench(options: { gets: number; rounds: number; concurrency?: number; log: (line: string) => void }): Promise<ConsoleFigures> {
  const concurrency = options.concurrency ?? 64;
  const runs = CONFIGURATIONS.map(() => [] as number[]);
  const errors = CONFIGURATIONS.map(() => 0);
  for (let round = 0; round < options.rounds; round++) {
    const order = CONFIGURATIONS.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const figures = await measure(CONFIGURATIONS[i]!, options.gets, concurrency);
      runs[i]!.push(Math.round(figures.requestsPerSecond));
      errors[i]! += figures.errors;
    }
  }
  const reference = Math.max(...runs[0]!);
  const configurations = CONFIGURATIONS.map((c, i) => {
    const best = Math.max(...runs[i]!);
    return { name: c.name, requestsPerSecond: runs[i]!, best, ratio: Math.round((best / reference) * 100) / 100, errors: errors[i]! };
  });
  for (const c of configurations) options.log(`  ${c.name.padEnd(42)} ${String(c.best).padStart(6)} req/s  ${c.ratio.toFixed(2)}x  (rounds: ${c.requestsPerSecond.join(', ')})`);
  return { gets: options.gets, concurrency, rounds: options.rounds, configurations };
}
