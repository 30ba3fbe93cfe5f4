import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OSS from 'ali-oss';
import { Credentials } from '../src/oss/Credentials.js';
import { StaticCredentialSource } from '../src/oss/CredentialSource.js';
import { parseOrigin } from '../src/oss/OssRouting.js';
import { Session } from '../src/session/Session.js';
import { load } from './pairedRounds.js';
import { ServeChild } from './ServeChild.js';

const ID = 'LTAI5tBenchGetData';
const SECRET = 'bench-get-data-secret';
const SIZE = 1024;

export interface GetDataFigures {
  readonly objects: number;
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly ossduckPerSecond: number[];
  readonly aliOssPerSecond: number[];
  /** ossduck / ali-oss within each round. */
  readonly ratios: number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly load: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * GET_DATA_FROM_OSS over `objects` small objects of `ossduck serve
 * --latency`, against ali-oss doing the same GETs one after the other (what
 * a program reading them in a loop does), in alternating order per round.
 * Each side's bytes are checked after its clock stops.
 */
export async function getDataBench(options: { objects: number; latencyMs: number; rounds: number; log: (line: string) => void }): Promise<GetDataFigures> {
  const root = mkdtempSync(join(tmpdir(), 'ossduck-bench-getdata-'));
  let serve: ServeChild | undefined;
  let session: Session | undefined;
  try {
    const keys = Array.from({ length: options.objects }, (_, i) => `o${String(i).padStart(5, '0')}.bin`);
    mkdirSync(join(root, 'bench-bucket', 'small'), { recursive: true });
    for (const [i, key] of keys.entries()) writeFileSync(join(root, 'bench-bucket', 'small', key), Buffer.alloc(SIZE, i & 0xff));
    serve = await ServeChild.start(root, { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET }, ['--latency', String(options.latencyMs)]);
    const origin = parseOrigin(serve.url, 'bench');
    const client = new OSS({ endpoint: serve.url, bucket: 'bench-bucket', region: 'oss-cn-hangzhou', accessKeyId: ID, accessKeySecret: SECRET, authorizationV4: true, secure: false } as OSS.Options);
    session = await Session.open({ credentials: new StaticCredentialSource(new Credentials({ accessKeyId: ID, accessKeySecret: SECRET })), routing: { oss: origin, sts: origin } });
    await session.run(`USE bench_project; CREATE OBJECT TABLE small LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/bench-bucket/small/'; ALTER TABLE small REFRESH METADATA;`);
    const concurrency = Number(session.settings.get('ossduck.oss.max_concurrency'));
    const ossduck = async (): Promise<number> => {
      const t0 = performance.now();
      const [result] = await session!.run("SELECT sum(octet_length(GET_DATA_FROM_OSS('bench_project.default.small', key))) FROM small");
      const ms = performance.now() - t0;
      if (Number(result!.rows[0]![0]) !== options.objects * SIZE) throw new Error('GET_DATA_FROM_OSS read the wrong bytes');
      return (options.objects / ms) * 1000;
    };
    const aliOss = async (): Promise<number> => {
      const t0 = performance.now();
      let bytes = 0;
      for (const key of keys) bytes += ((await client.get(`small/${key}`)).content as Buffer).length;
      const ms = performance.now() - t0;
      if (bytes !== options.objects * SIZE) throw new Error('ali-oss read the wrong bytes');
      return (options.objects / ms) * 1000;
    };
    await ossduck();
    const ossduckPerSecond: number[] = [];
    const aliOssPerSecond: number[] = [];
    const ratios: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      let ours: number;
      let theirs: number;
      if (round % 2 === 1) {
        ours = await ossduck();
        theirs = await aliOss();
      } else {
        theirs = await aliOss();
        ours = await ossduck();
      }
      ossduckPerSecond.push(Math.round(ours));
      aliOssPerSecond.push(Math.round(theirs));
      ratios.push(round2(ours / theirs));
      options.log(`  round ${round}: GET_DATA_FROM_OSS ${Math.round(ours)} objects/s, ali-oss one by one ${Math.round(theirs)} objects/s, ${round2(ours / theirs)}x (load ${load()})`);
    }
    return {
      objects: options.objects,
      latencyMs: options.latencyMs,
      concurrency,
      ossduckPerSecond,
      aliOssPerSecond,
      ratios,
      median: round2(median(ratios)),
      min: Math.min(...ratios),
      max: Math.max(...ratios),
      load: load(),
    };
  } finally {
    await session?.close();
    await serve?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
