import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import { streamRequest } from '../support/bigObject.js';
import { HttpProxy } from '../support/HttpProxy.js';
import type { SeenRequest } from '../support/HttpProxy.js';
import { BIN, runCli } from '../support/runCli.js';
import { ServeProcess } from '../support/ServeProcess.js';

/**
 * Faults around REFRESH METADATA on a `--db` warehouse, against `ossduck
 * serve` seeded with 20,000 objects by writing files into its root. Requests
 * pass through a proxy that holds the listing at a chosen page, so a process
 * is killed (SIGKILL) or the emulator stopped at a known point without
 * sleeping. Afterwards the warehouse holds the previous metadata (or none),
 * never part of a listing, opens cleanly, and a new REFRESH completes; an
 * emulator restarted on the same root keeps every object.
 */

const ID = 'LTAI5tFaultKey';
const SECRET = 'FaultSecret-never-printed-2718';
const BUCKET = 'fault-bucket';
const SEEDED = 20_000;
const PREVIOUS = ['prev-0.txt', 'prev-1.txt', 'prev-2.txt'];
const LOCATION = `oss://oss-cn-hangzhou.aliyuncs.com/${BUCKET}/docs/`;

const isListing = (r: SeenRequest): boolean => r.method === 'GET' && /[?&]list-type=2(&|$)/.test(r.url);

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Polls `condition` (cheap, synchronous) on every turn of the event loop until it holds, or fails at the deadline. */
async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface Child {
  readonly child: ChildProcess;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function startOssduck(args: readonly string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exit };
}

describe('REFRESH METADATA under faults, on a --db warehouse', () => {
  let root: string;
  let db: string;
  let serve: ServeProcess;
  let proxy: HttpProxy;
  let env: Record<string, string>;
  const credentials = new Credentials({ accessKeyId: ID, accessKeySecret: SECRET });
  const outputs: string[] = [];

  async function sql(script: string): Promise<Record<string, unknown>[]> {
    const run = await runCli(['--db', db, '--format', 'jsonl', '-c', `USE fault_project; ${script}`], { env });
    outputs.push(run.stdout, run.stderr);
    if (run.code !== 0) throw new Error(`ossduck failed (${run.code}): ${run.stderr}`);
    return run.stdout.trim() === '' ? [] : run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  /** Row count and the count of keys that were not there before the 20,000 were seeded. */
  async function state(table: string): Promise<{ n: number; seeded: number; keys: string[] }> {
    const [row] = await sql(
      `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE key LIKE 'd__/%')::INTEGER AS seeded, list(key ORDER BY key)[1:5] AS keys FROM ${table};`,
    );
    return { n: Number(row!['n']), seeded: Number(row!['seeded']), keys: row!['keys'] as string[] };
  }

  /** Starts `ALTER TABLE <table> REFRESH METADATA` and SIGKILLs it while the listing is held after `pages` pages. */
  async function killRefreshAfter(table: string, pages: number): Promise<void> {
    const held = proxy.holdAfter(isListing, pages);
    const listedBefore = proxy.count(isListing);
    const run = startOssduck(['--db', db, '-c', `USE fault_project; ALTER TABLE ${table} REFRESH METADATA;`], env);
    try {
      const endedFirst = run.exit.then((r) => {
        throw new Error(`the refresh ended before page ${pages + 1}: ${r.code} ${r.stderr}`);
      });
      endedFirst.catch(() => undefined);
      await withDeadline(Promise.race([held, endedFirst]), 120_000, `page ${pages + 1} of the listing`);
      // Sub-prefixes are listed several at a time: requests past the first held one are held too.
      expect(proxy.count(isListing) - listedBefore).toBeGreaterThanOrEqual(pages + 1);
      expect(run.child.exitCode).toBeNull();
      run.child.kill('SIGKILL');
      const ended = await run.exit;
      expect(ended.signal).toBe('SIGKILL');
      outputs.push(ended.stdout, ended.stderr);
    } finally {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
      proxy.release('reset');
    }
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ossduck-faults-root-'));
    db = mkdtempSync(join(tmpdir(), 'ossduck-faults-db-'));
    mkdirSync(join(root, BUCKET, 'docs'), { recursive: true });
    for (const name of PREVIOUS) writeFileSync(join(root, BUCKET, 'docs', name), `previous ${name}\n`);
    serve = await ServeProcess.start(['--port', '0', '--root', root], { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET });
    proxy = await HttpProxy.start(serve.ossUrl);
    env = { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET, OSSDUCK_OSS_ENDPOINT: proxy.url, OSSDUCK_STS_ENDPOINT: proxy.url };
    await sql(`CREATE OBJECT TABLE docs LOCATION '${LOCATION}'; CREATE OBJECT TABLE fresh LOCATION '${LOCATION}'; ALTER TABLE docs REFRESH METADATA;`);
    expect(await state('docs')).toEqual({ n: 3, seeded: 0, keys: PREVIOUS });
    // 20,000 objects, seeded as a user would: files written into the emulator's root.
    for (let d = 0; d < SEEDED / 1000; d++) {
      const dir = join(root, BUCKET, 'docs', `d${String(d).padStart(2, '0')}`);
      mkdirSync(dir);
      for (let i = 0; i < 1000; i++) writeFileSync(join(dir, `obj-${String(i).padStart(4, '0')}.txt`), `object ${d}/${i}\n`);
    }
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    expect(await serve.stop()).toBe(0);
    for (const text of [...outputs, serve.stderr]) expect(text).not.toContain(SECRET);
    rmSync(root, { recursive: true, force: true });
    rmSync(db, { recursive: true, force: true });
    // Removing 20,000 objects and their metadata files takes a minute on a busy machine.
  }, 180_000);

  it('keeps the previous metadata when REFRESH is killed with SIGKILL halfway through 20,000 objects, and the next run works', async () => {
    await killRefreshAfter('docs', 10);
    // Up to 9,000 objects were staged when the process died; none of them shows.
    expect(await state('docs')).toEqual({ n: 3, seeded: 0, keys: PREVIOUS });
  }, 180_000);

  it('keeps no metadata for a table never refreshed when its first REFRESH is killed', async () => {
    await killRefreshAfter('fresh', 5);
    expect(await state('fresh')).toEqual({ n: 0, seeded: 0, keys: null });
  }, 180_000);

  it('leaves the previous or the new metadata, whole, when killed the moment the listing ends', async () => {
    const pages = Math.ceil((SEEDED + PREVIOUS.length) / 1000);
    const lastPageSent = proxy.completed(isListing, pages);
    const run = startOssduck(['--db', db, '-c', 'USE fault_project; ALTER TABLE docs REFRESH METADATA;'], env);
    try {
      await withDeadline(Promise.race([lastPageSent, run.exit.then(() => undefined)]), 120_000, 'the last page of the listing');
      run.child.kill('SIGKILL');
      const ended = await run.exit;
      outputs.push(ended.stdout, ended.stderr);
    } finally {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    }
    const after = await state('docs');
    // Which one depends on where the kill landed (staging, the swap, or after it); never anything between.
    expect([3, SEEDED + PREVIOUS.length]).toContain(after.n);
    expect(after.seeded).toBe(after.n === 3 ? 0 : SEEDED);
  }, 180_000);

  it('keeps the previous metadata when the emulator dies mid-listing and mid-upload; restarted on the same root it keeps every object, and a new REFRESH completes', async () => {
    // An object uploaded before the emulator dies, and the metadata as it stands.
    const presign = (method: string, host: string): Presigner =>
      new Presigner({ version: 'v4', credentials, method, bucket: BUCKET, signTime: Math.floor(Date.now() / 1000), expiresIn: 3600, region: 'cn-hangzhou', product: 'oss', address: { scheme: 'http', host, style: 'path' } });
    const host = new URL(serve.ossUrl).host;
    const uploaded = await streamRequest(presign('PUT', host).url('docs/uploaded.txt'), 'PUT', { size: 6, chunks: [Buffer.from('kept!\n')] });
    expect(uploaded.status).toBe(200);
    const before = await state('docs');

    // An upload in flight: 1 MiB of a declared 64 MiB sent, the rest never comes.
    const body = new PassThrough();
    const u = new URL(presign('PUT', host).url('docs/prev-0.txt'));
    const inFlight = request({ host: u.hostname, port: u.port, method: 'PUT', path: u.pathname + u.search, headers: { 'Content-Length': String(64 * 1024 * 1024) } });
    const putFailed = new Promise<void>((resolve) => {
      inFlight.on('error', () => resolve());
      inFlight.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
    });
    body.pipe(inFlight);
    body.write(Buffer.alloc(1024 * 1024, 0x61));
    const tmp = join(root, '.ossduck', 'tmp');
    await until(() => readdirSync(tmp).some((n) => n.endsWith('.part') && statSync(join(tmp, n)).size >= 1024 * 1024), 30_000, 'the upload reaching the disk');

    // A refresh in flight, held at page 8; then the emulator is killed.
    const held = proxy.holdAfter(isListing, 7);
    const run = startOssduck(['--db', db, '-c', 'USE fault_project; ALTER TABLE docs REFRESH METADATA;'], env);
    await withDeadline(held, 120_000, 'page 8 of the listing');
    serve.child.kill('SIGKILL');
    await serve.stop();
    outputs.push(serve.stderr);
    proxy.release('forward');
    const ended = await withDeadline(run.exit, 60_000, 'the refresh failing');
    outputs.push(ended.stdout, ended.stderr);
    expect(ended.code).toBe(1);
    expect(ended.stderr).toMatch(/^FAILED: ODPS-\d{7}:\[1,\d+\] .*listing oss:\/\/fault-bucket\/docs\/(d\d\d\/)? failed/);
    await withDeadline(putFailed, 30_000, 'the upload failing');
    body.destroy();
    expect(await state('docs')).toEqual(before);

    // The emulator restarted on the same root: every object is there, the cut upload is not.
    serve = await ServeProcess.start(['--port', '0', '--root', root], { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET });
    proxy.target = serve.ossUrl;
    const newHost = new URL(serve.ossUrl).host;
    const kept = await streamRequest(presign('GET', newHost).url('docs/uploaded.txt'), 'GET');
    expect([kept.status, kept.text, kept.headers['etag']]).toEqual([200, 'kept!\n', uploaded.headers['etag']]);
    const untouched = await streamRequest(presign('GET', newHost).url('docs/prev-0.txt'), 'GET');
    expect([untouched.status, untouched.text]).toEqual([200, 'previous prev-0.txt\n']);

    const total = SEEDED + PREVIOUS.length + 1;
    const [refreshed] = await sql(
      "ALTER TABLE docs REFRESH METADATA; SELECT count(*)::INTEGER AS n, count(DISTINCT key)::INTEGER AS k, count(*) FILTER (WHERE key LIKE 'd__/%')::INTEGER AS seeded FROM docs;",
    );
    expect(refreshed).toEqual({ n: total, k: total, seeded: SEEDED });
  }, 240_000);

  it('opens cleanly after a process is killed in the middle of writing its project database, and removes a project file left half-made', async () => {
    const file = join(db, 'projects', 'fault_project.duckdb');
    const start = statSync(file).size;
    const writer = startOssduck(
      ['--db', db, '-c', 'USE fault_project; CREATE TABLE big AS SELECT i, md5(i::VARCHAR) AS s FROM range(50000000) t(i);'],
      env,
    );
    try {
      await until(() => statSync(file).size > start + 16 * 1024 * 1024 || writer.child.exitCode !== null, 120_000, 'the database file growing by 16 MB');
      expect(writer.child.exitCode).toBeNull();
      writer.child.kill('SIGKILL');
      expect((await writer.exit).signal).toBe('SIGKILL');
    } finally {
      if (writer.child.exitCode === null && writer.child.signalCode === null) writer.child.kill('SIGKILL');
    }
    // What a kill while a new project is made leaves: its temporary file, never a project of that name.
    const abandoned = join(db, 'projects', '.half_made.99999999.creating.duckdb');
    writeFileSync(abandoned, 'DUCK');
    const [after] = await sql(
      "SELECT (SELECT count(*) FROM duckdb_tables() WHERE table_name = 'big')::INTEGER AS big, (SELECT count(*) FROM docs)::INTEGER AS docs;",
    );
    expect(after).toEqual({ big: 0, docs: SEEDED + PREVIOUS.length + 1 });
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(join(db, 'projects', 'half_made.duckdb'))).toBe(false);
  }, 180_000);
});
