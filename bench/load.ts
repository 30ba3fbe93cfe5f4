/**
 * Load figures for the local OSS emulator as a user runs it (`ossduck serve`
 * in its own process): requests per second and p50/p99 latency of presigned
 * GETs and PUTs at 64 in flight, and the server's resident memory while a
 * 1 GiB object streams in and out through presigned URLs.
 *
 *   node --import tsx bench/load.ts     prints a table, writes bench/load-results.json
 *
 * `runLoadBench()` is what `npm run bench` calls. Not part of `npm test`.
 * The client runs on the same machine as the server (loopback), so both
 * share its cores: the figures are for the pair, and move with other load.
 * When `wrk` is installed, the GET figure is also taken with it (a C client
 * that takes less of the machine from the server).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Credentials } from '../src/oss/Credentials.js';
import type { Presigner } from '../src/oss/signing/Presigner.js';
import { generatedContent, streamRequest } from '../test/support/bigObject.js';
import { runLoad } from '../test/support/LoadDriver.js';
import type { LoadFigures as RunFigures } from '../test/support/LoadDriver.js';
import { megabytes, processMemory } from '../test/support/processMemory.js';
import { ServeProcess } from '../test/support/ServeProcess.js';

const exec = promisify(execFile);

export interface RequestFigures {
  readonly requests: number;
  readonly concurrency: number;
  readonly errors: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface LoadFigures {
  /** How to reproduce them. */
  readonly command: string;
  readonly when: string;
  readonly machine: { readonly cpus: number; readonly model: string; readonly node: string; readonly loadAverage1m: number };
  /** The server process runs from `dist/` when the build is current, else from the TypeScript sources through tsx. */
  readonly serverRunsFrom: 'dist' | 'tsx';
  /** Presigned GETs of 4 KB objects (100 keys), 64 in flight, Node client with keep-alive. */
  readonly presignedGet: RequestFigures & { readonly objectBytes: number };
  /** The same GETs driven by wrk (one URL, 64 connections, 2 threads), when wrk is installed. */
  readonly presignedGetWrk: { readonly seconds: number; readonly requestsPerSecond: number; readonly p50Ms: number; readonly p99Ms: number; readonly errors: number } | undefined;
  /** Presigned PUTs of 4 KB objects, 64 in flight. */
  readonly presignedPut: RequestFigures;
  /** Server resident memory (MB) after start, after the request runs, and its peak (VmHWM) over them. */
  readonly serverRssMb: { readonly atStart: number; readonly afterRequests: number; readonly peakDuringRequests: number };
  /** A 1 GiB object through presigned URLs, on a fresh server. */
  readonly bigObject: {
    readonly bytes: number;
    readonly uploadSeconds: number;
    readonly uploadMiBPerSecond: number;
    readonly downloadSeconds: number;
    readonly downloadMiBPerSecond: number;
    readonly serverRssAtStartMb: number;
    readonly serverPeakRssDuringUploadMb: number;
    /** VmHWM reset before the download (`/proc/<pid>/clear_refs`), read after it. */
    readonly serverPeakRssDuringDownloadMb: number;
    readonly contentVerified: boolean;
  };
}

const ID = 'LTAI5tBenchKey';
const SECRET = 'BenchSecret-local-only';
const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GIB = 1024 ** 3;

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function requestFigures(f: RunFigures): RequestFigures {
  return {
    requests: f.requests,
    concurrency: f.concurrency,
    errors: f.errors,
    requestsPerSecond: round(f.requestsPerSecond),
    p50Ms: round(f.p50Ms),
    p99Ms: round(f.p99Ms),
    maxMs: round(f.maxMs),
  };
}

function presigner(serve: ServeProcess, method: string): Presigner {
  return serve.presigner({ credentials: new Credentials({ accessKeyId: ID, accessKeySecret: SECRET }), bucket: 'bench', method });
}

async function withServer<T>(work: (serve: ServeProcess, pid: number) => Promise<T>): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), 'ossduck-bench-'));
  mkdirSync(join(root, 'bench'));
  const serve = await ServeProcess.start(['--port', '0', '--root', root], { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET });
  try {
    return await work(serve, serve.child.pid!);
  } finally {
    await serve.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Resets a process's VmHWM to its current RSS (Linux `clear_refs` 5); false where that is not allowed. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function wrkFigures(url: string, concurrency: number): Promise<LoadFigures['presignedGetWrk']> {
  try {
    await exec('wrk', ['--version']).catch((e: { stdout?: string }) => {
      if (!String(e.stdout ?? '').includes('wrk')) throw e;
    });
  } catch {
    return undefined;
  }
  const seconds = 10;
  const { stdout } = await exec('wrk', ['-t', '2', '-c', String(concurrency), '-d', `${seconds}s`, '--latency', url], { maxBuffer: 1 << 20 });
  const ms = (text: string | undefined): number => {
    const m = /^([\d.]+)(us|ms|s)$/.exec(text ?? '');
    if (!m) return NaN;
    return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  };
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1];
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  return {
    seconds,
    requestsPerSecond: round(Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? NaN)),
    p50Ms: round(ms(/^\s+50%\s+(\S+)$/m.exec(stdout)?.[1])),
    p99Ms: round(ms(/^\s+99%\s+(\S+)$/m.exec(stdout)?.[1])),
    errors: Number(errors ?? 0) + (socketErrors ? socketErrors.slice(1).reduce((a, b) => a + Number(b), 0) : 0),
  };
}

/** Runs the load measurements; nothing is printed or written (see the command-line use below). */
export async function runLoadBench(options: { gets?: number; puts?: number; concurrency?: number; bigBytes?: number } = {}): Promise<LoadFigures> {
  const gets = options.gets ?? 10_000;
  const puts = options.puts ?? 2_000;
  const concurrency = options.concurrency ?? 64;
  const bigBytes = options.bigBytes ?? GIB;
  const KEYS = 100;
  const body = (k: number): Buffer => Buffer.alloc(4096, 97 + (k % 26));

  const requests = await withServer(async (serve, pid) => {
    const atStart = processMemory(pid).rss;
    const put = presigner(serve, 'PUT');
    const get = presigner(serve, 'GET');
    const seeded = await runLoad({ total: KEYS, concurrency, next: (k) => ({ method: 'PUT', url: put.url(`obj/${k}.bin`), body: body(k) }) });
    if (seeded.errors > 0) throw new Error(`seeding failed: ${seeded.errorSamples.join('; ')}`);
    // Warm-up: connections, JIT, the file-system cache.
    await runLoad({ total: 500, concurrency, next: (i) => ({ method: 'GET', url: get.url(`obj/${i % KEYS}.bin`) }) });
    const getRun = await runLoad({ total: gets, concurrency, next: (i) => ({ method: 'GET', url: get.url(`obj/${i % KEYS}.bin`) }) });
    const putRun = await runLoad({ total: puts, concurrency, next: (i) => ({ method: 'PUT', url: put.url(`put/${i % KEYS}.bin`), body: body(i) }) });
    const wrk = await wrkFigures(get.url('obj/0.bin'), concurrency);
    const memory = processMemory(pid);
    return { getRun, putRun, wrk, atStart, afterRequests: memory.rss, peak: memory.peakRss };
  });

  const big = await withServer(async (serve, pid) => {
    const atStart = processMemory(pid).rss;
    const md5 = createHash('md5');
    function* hashed(): Generator<Buffer> {
      for (const chunk of generatedContent(bigBytes)) {
        md5.update(chunk);
        yield chunk;
      }
    }
    let t0 = performance.now();
    const up = await streamRequest(presigner(serve, 'PUT').url('big.bin'), 'PUT', { size: bigBytes, chunks: hashed() });
    const uploadSeconds = (performance.now() - t0) / 1000;
    if (up.status !== 200) throw new Error(`the 1 GiB upload answered HTTP ${up.status}: ${up.text.slice(0, 300)}`);
    const sent = md5.digest('hex').toUpperCase();
    const peakUpload = processMemory(pid).peakRss;
    const reset = resetPeak(pid);
    let sampled = 0;
    const sampler = setInterval(() => {
      sampled = Math.max(sampled, processMemory(pid).rss);
    }, 50);
    t0 = performance.now();
    const down = await streamRequest(presigner(serve, 'GET').url('big.bin'), 'GET');
    const downloadSeconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const peakDownload = reset ? processMemory(pid).peakRss : Math.max(sampled, processMemory(pid).rss);
    return {
      bytes: bigBytes,
      uploadSeconds: round(uploadSeconds, 2),
      uploadMiBPerSecond: round(bigBytes / 1024 / 1024 / uploadSeconds),
      downloadSeconds: round(downloadSeconds, 2),
      downloadMiBPerSecond: round(bigBytes / 1024 / 1024 / downloadSeconds),
      serverRssAtStartMb: megabytes(atStart),
      serverPeakRssDuringUploadMb: megabytes(peakUpload),
      serverPeakRssDuringDownloadMb: megabytes(peakDownload),
      contentVerified: down.status === 200 && down.bytes === bigBytes && down.md5 === sent && up.headers['etag'] === `"${sent}"`,
    };
  });

  return {
    command: 'node --import tsx bench/load.ts',
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage1m: round(loadavg()[0] ?? 0, 2) },
    serverRunsFrom: await servedFromDist() ? 'dist' : 'tsx',
    presignedGet: { ...requestFigures(requests.getRun), objectBytes: 4096 },
    presignedGetWrk: requests.wrk,
    presignedPut: requestFigures(requests.putRun),
    serverRssMb: { atStart: megabytes(requests.atStart), afterRequests: megabytes(requests.afterRequests), peakDuringRequests: megabytes(requests.peak) },
    bigObject: big,
  };
}

/** Whether bin/ossduck.js runs dist/ (its build stamp is newer than every source file), as it decides. */
async function servedFromDist(): Promise<boolean> {
  const { statSync, readdirSync } = await import('node:fs');
  const newest = (dir: string): number => {
    let max = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) max = Math.max(max, newest(p));
      else if (e.name.endsWith('.ts')) max = Math.max(max, statSync(p).mtimeMs);
    }
    return max;
  };
  try {
    return statSync(join(ROOT_DIR, 'dist', '.built')).mtimeMs >= newest(join(ROOT_DIR, 'src'));
  } catch {
    return false;
  }
}

/** The figures as a table, one line per measurement. */
/** `1 GiB`, or so many MiB: the big object's size as the tables name it. */
export function sizeLabel(bytes: number): string {
  return bytes === GIB ? '1 GiB' : `${bytes / 2 ** 20} MiB`;
}

export function loadTable(f: LoadFigures): string {
  const size = sizeLabel(f.bigObject.bytes);
  const rows: [string, string][] = [
    ['machine', `${f.machine.cpus} × ${f.machine.model}, Node ${f.machine.node}, load average ${f.machine.loadAverage1m}; server from ${f.serverRunsFrom}`],
    [
      `presigned GET, ${f.presignedGet.concurrency} in flight (Node client)`,
      `${f.presignedGet.requests} requests, ${f.presignedGet.errors} errors, ${f.presignedGet.requestsPerSecond} req/s, p50 ${f.presignedGet.p50Ms} ms, p99 ${f.presignedGet.p99Ms} ms`,
    ],
    [
      `presigned GET, ${f.presignedGet.concurrency} connections (wrk)`,
      f.presignedGetWrk
        ? `${f.presignedGetWrk.seconds} s, ${f.presignedGetWrk.errors} errors, ${f.presignedGetWrk.requestsPerSecond} req/s, p50 ${f.presignedGetWrk.p50Ms} ms, p99 ${f.presignedGetWrk.p99Ms} ms`
        : 'wrk not installed',
    ],
    [
      `presigned PUT 4 KB, ${f.presignedPut.concurrency} in flight`,
      `${f.presignedPut.requests} requests, ${f.presignedPut.errors} errors, ${f.presignedPut.requestsPerSecond} req/s, p50 ${f.presignedPut.p50Ms} ms, p99 ${f.presignedPut.p99Ms} ms`,
    ],
    ['server RSS, request runs', `${f.serverRssMb.atStart} MB at start, ${f.serverRssMb.afterRequests} MB after, peak ${f.serverRssMb.peakDuringRequests} MB`],
    [`${size} upload (presigned PUT)`, `${f.bigObject.uploadSeconds} s (${f.bigObject.uploadMiBPerSecond} MiB/s), server peak RSS ${f.bigObject.serverPeakRssDuringUploadMb} MB`],
    [
      `${size} download (presigned GET)`,
      `${f.bigObject.downloadSeconds} s (${f.bigObject.downloadMiBPerSecond} MiB/s), server peak RSS ${f.bigObject.serverPeakRssDuringDownloadMb} MB, content ${f.bigObject.contentVerified ? 'verified' : 'NOT verified'}`,
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

const runAlone = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runAlone) {
  const figures = await runLoadBench();
  console.log(loadTable(figures));
  const out = join(ROOT_DIR, 'bench', 'load-results.json');
  writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\nwritten to ${out}`);
}
