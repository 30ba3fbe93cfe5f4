// ossduck's own CPU per ListObjectsV2 page of ALTER TABLE ... REFRESH
// METADATA: seeds objects under sub-prefixes of a bucket folder, starts
// `ossduck serve --latency 0` in a child process and a recording ReplayOss in
// another (so that neither server's CPU is counted), refreshes once to record
// and once against the replay to warm up, then times `--runs` REFRESHes: the
// process's CPU (all its threads: DuckDB's, the GC's) and the main thread's
// (/proc/self/task/<pid>/stat), per listing request, with the median.
//
//   node --import tsx bench/refreshCpu.ts [--objects 100000] [--sub-prefixes 16] [--runs 3]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Credentials } from '../src/oss/Credentials.js';
import { StaticCredentialSource } from '../src/oss/CredentialSource.js';
import { parseOrigin } from '../src/oss/OssRouting.js';
import { Session } from '../src/session/Session.js';
import { median } from './pairedRounds.js';
import { ServeChild } from './ServeChild.js';

const ID = 'LTAI5tBenchOss';
const SECRET = 'bench-oss-secret';
const TICKS_PER_SECOND = 100;

const { values } = parseArgs({ options: { objects: { type: 'string', default: '100000' }, 'sub-prefixes': { type: 'string', default: '16' }, runs: { type: 'string', default: '3' } } });
const objects = Number(values.objects);
const subPrefixes = Number(values['sub-prefixes']);
const runs = Number(values.runs);

/** The main thread's user + system CPU so far, in ms (clock ticks of 10 ms). */
function mainThreadMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** ReplayOss in a child process: records what it forwards to `target`, replays once told to. */
async function replayChild(target: string): Promise<{ url: string; replay(): Promise<number>; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./replayChild.ts', import.meta.url).pathname, target], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let wake: (() => void) | undefined;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    lines.push(...d.trim().split('\n'));
    wake?.();
  });
  const next = async (): Promise<string> => {
    while (lines.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return lines.shift()!;
  };
  const url = (await next()).split(' ')[1]!;
  return {
    url,
    replay: async () => {
      child.stdin.write('replay\n');
      return Number((await next()).split(' ')[1]);
    },
    stop: () => void child.kill('SIGTERM'),
  };
}

const root = mkdtempSync(join(tmpdir(), 'ossduck-bench-refresh-'));
let serve: ServeChild | undefined;
let replay: Awaited<ReturnType<typeof replayChild>> | undefined;
let session: Session | undefined;
try {
  for (let f = 0; f < subPrefixes; f++) {
    const folder = join(root, 'bench-bucket', 'listing', `part-${String(f).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    for (let i = f; i < objects; i += subPrefixes) writeFileSync(join(folder, `o${String(i).padStart(6, '0')}.txt`), 'x'.repeat(100));
  }
  serve = await ServeChild.start(root, { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET }, ['--latency', '0']);
  replay = await replayChild(serve.url);
  const origin = parseOrigin(replay.url, 'bench');
  session = await Session.open({ credentials: new StaticCredentialSource(new Credentials({ accessKeyId: ID, accessKeySecret: SECRET })), routing: { oss: origin, sts: origin } });
  await session.run(`USE bench_project; CREATE OBJECT TABLE listing LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/bench-bucket/listing/';`);
  await session.run('ALTER TABLE listing REFRESH METADATA');
  const requests = await replay.replay();
  await session.run('ALTER TABLE listing REFRESH METADATA');
  const perRequest: number[] = [];
  const mainPerRequest: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const cpu0 = process.cpuUsage();
    const main0 = mainThreadMs();
    const t0 = performance.now();
    await session.run('ALTER TABLE listing REFRESH METADATA');
    const cpu = process.cpuUsage(cpu0);
    const wall = performance.now() - t0;
    const main = mainThreadMs() - main0;
    const [[count] = []] = (await session.run('SELECT count(*) FROM listing'))[0]!.rows;
    if (Number(count) !== objects) throw new Error(`REFRESH listed ${String(count)} objects, not ${objects}`);
    perRequest.push((cpu.user + cpu.system) / 1000 / requests);
    mainPerRequest.push(main / requests);
    console.log(
      `run ${run}: ${requests} requests, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, ${wall.toFixed(0)} ms wall: ` +
        `${perRequest.at(-1)!.toFixed(2)} ms CPU per page (main thread ${mainPerRequest.at(-1)!.toFixed(2)}), load ${loadavg()[0]!.toFixed(2)}`,
    );
  }
  console.log(`median: ${median(perRequest).toFixed(2)} ms of process CPU per page, main thread ${median(mainPerRequest).toFixed(2)} ms`);
} finally {
  await session?.close();
  replay?.stop();
  await serve?.stop();
  rmSync(root, { recursive: true, force: true });
}
