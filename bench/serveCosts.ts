// `ossduck serve`'s start-up time and its own CPU per PutObject and GetObject
// of small objects (ali-oss, one request at a time, --latency 0), read from
// /proc/<pid>/stat around each phase: a check that the listing caches leave
// the other paths as they were.
//
//   node --import tsx bench/serveCosts.ts [--objects 2000] [--rounds 3]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import OSS from 'ali-oss';
import { ServeChild } from './ServeChild.js';

const ID = 'LTAI5tBenchOss';
const SECRET = 'bench-oss-secret';
const { values } = parseArgs({ options: { objects: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '3' } } });
const objects = Number(values.objects);

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

for (let round = 1; round <= Number(values.rounds); round++) {
  const root = mkdtempSync(join(tmpdir(), 'ossduck-serve-costs-'));
  try {
    const t0 = performance.now();
    const serve = await ServeChild.start(root, { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET }, ['--latency', '0']);
    const startMs = performance.now() - t0;
    try {
      const client = new OSS({ endpoint: serve.url, bucket: 'bench-bucket', region: 'oss-cn-hangzhou', accessKeyId: ID, accessKeySecret: SECRET, authorizationV4: true, secure: false } as OSS.Options);
      await client.putBucket('bench-bucket');
      const pid = serve.child.pid!;
      const body = Buffer.alloc(1000, 'x');
      let cpu = cpuMs(pid);
      for (let i = 0; i < objects; i++) await client.put(`costs/o${String(i).padStart(6, '0')}.bin`, body);
      const putCpu = cpuMs(pid) - cpu;
      cpu = cpuMs(pid);
      for (let i = 0; i < objects; i++) await client.get(`costs/o${String(i).padStart(6, '0')}.bin`);
      const getCpu = cpuMs(pid) - cpu;
      console.log(
        `round ${round}: start-up ${startMs.toFixed(0)} ms; emulator CPU per PUT ${((putCpu / objects) * 1000).toFixed(0)} µs, per GET ${((getCpu / objects) * 1000).toFixed(0)} µs (${objects} each, load ${loadavg()[0]!.toFixed(2)})`,
      );
    } finally {
      await serve.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
