// The emulator's own CPU per ListObjectsV2 page: seeds objects under
// sub-prefixes of a bucket folder, starts `ossduck serve --latency 0` in a
// child process, lists everything with ali-oss listV2 (max-keys 1000), and
// reads the child's CPU time (/proc/<pid>/stat, user + system) around each
// pass. Passes: first (no sidecars yet: every ETag is computed), again in the
// same process (warm), then in a new process (cold: sidecars on disk, nothing
// in memory), again (warm), and 16 listV2 streams at once (one per sub-prefix).
//
//   node --import tsx bench/listingCpu.ts [--objects 100000] [--sub-prefixes 16]
import { readFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import OSS from 'ali-oss';
import { ServeChild } from './ServeChild.js';

const ID = 'LTAI5tBenchOss';
const SECRET = 'bench-oss-secret';
const TICKS_PER_SECOND = 100;

const { values } = parseArgs({ options: { objects: { type: 'string', default: '100000' }, 'sub-prefixes': { type: 'string', default: '16' } } });
const objects = Number(values.objects);
const subPrefixes = Number(values['sub-prefixes']);

/** The child's user + system CPU so far, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function seed(root: string): void {
  const body = 'x'.repeat(100);
  for (let f = 0; f < subPrefixes; f++) {
    const folder = join(root, 'bench-bucket', 'listing', `part-${String(f).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    for (let i = f; i < objects; i += subPrefixes) writeFileSync(join(folder, `o${String(i).padStart(6, '0')}.txt`), body);
  }
}

async function listAll(client: OSS, prefix: string): Promise<{ count: number; pages: number }> {
  let token: string | undefined;
  let count = 0;
  let pages = 0;
  do {
    const page = await client.listV2({ prefix, 'max-keys': '1000', ...(token ? { 'continuation-token': token } : {}) } as OSS.ListV2ObjectsQuery, {});
    count += page.objects?.length ?? 0;
    pages++;
    token = page.isTruncated ? (page as { nextContinuationToken?: string }).nextContinuationToken : undefined;
  } while (token);
  return { count, pages };
}

async function pass(serve: ServeChild, name: string, parallel: boolean): Promise<void> {
  const client = new OSS({ endpoint: serve.url, bucket: 'bench-bucket', region: 'oss-cn-hangzhou', accessKeyId: ID, accessKeySecret: SECRET, authorizationV4: true, secure: false } as OSS.Options);
  const pid = serve.child.pid!;
  const cpu0 = cpuMs(pid);
  const t0 = performance.now();
  const streams = parallel ? Array.from({ length: subPrefixes }, (_, f) => `listing/part-${String(f).padStart(2, '0')}/`) : ['listing/'];
  const results = await Promise.all(streams.map((prefix) => listAll(client, prefix)));
  const wall = performance.now() - t0;
  const cpu = cpuMs(pid) - cpu0;
  const count = results.reduce((n, r) => n + r.count, 0);
  const pages = results.reduce((n, r) => n + r.pages, 0);
  if (count !== objects) throw new Error(`${name}: listed ${count} objects, not ${objects}`);
  console.log(
    `${name.padEnd(34)} ${String(pages).padStart(4)} pages  emulator CPU ${(cpu / pages).toFixed(1).padStart(6)} ms/page  wall ${(wall / pages).toFixed(1).padStart(6)} ms/page  (load ${loadavg()[0]!.toFixed(2)})`,
  );
}

const root = mkdtempSync(join(tmpdir(), 'ossduck-listing-cpu-'));
const env = { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET };
try {
  console.log(`seeding ${objects} objects under ${subPrefixes} sub-prefixes (load ${loadavg()[0]!.toFixed(2)})`);
  seed(root);
  let serve = await ServeChild.start(root, env, ['--latency', '0']);
  try {
    await pass(serve, 'first (ETags computed)', false);
    await pass(serve, 'warm, 1 stream', false);
  } finally {
    await serve.stop();
  }
  serve = await ServeChild.start(root, env, ['--latency', '0']);
  try {
    await pass(serve, 'cold (new process), 1 stream', false);
    await pass(serve, 'warm, 1 stream', false);
    await pass(serve, `warm, ${subPrefixes} streams`, true);
  } finally {
    await serve.stop();
  }
  serve = await ServeChild.start(root, env, ['--latency', '0']);
  try {
    await pass(serve, `cold (new process), ${subPrefixes} streams`, true);
    await pass(serve, `warm, ${subPrefixes} streams`, true);
  } finally {
    await serve.stop();
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
