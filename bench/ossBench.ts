import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OSS from 'ali-oss';
import { Credentials } from '../src/oss/Credentials.js';
import { StaticCredentialSource } from '../src/oss/CredentialSource.js';
import { parseOrigin } from '../src/oss/OssRouting.js';
import { Session } from '../src/session/Session.js';
import { load, median } from './pairedRounds.js';
import { ReplayOssThread } from './ReplayOss.js';
import { ServeChild } from './ServeChild.js';

const ID = 'LTAI5tBenchOss';
const SECRET = 'bench-oss-secret';

/** REFRESH against ali-oss over one location, round by round. */
export interface ListingFigures {
  readonly location: string;
  readonly objects: number;
  readonly subPrefixes: number;
  readonly refreshPerSecond: number[];
  readonly listV2PerSecond: number[];
  /** REFRESH / ali-oss within each round. */
  readonly ratios: number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export interface OssFigures {
  /** `serve`: \`ossduck serve --latency\`; `replay`: the emulator's answers recorded, then replayed after the latency (ReplayOss). */
  readonly against: 'serve' | 'replay';
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly split: ListingFigures;
  readonly flat: ListingFigures;
  readonly load: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Writes `count` small objects into `subPrefixes` folders of a bucket folder of the emulator root (none: all straight in it), as a user seeds one. */
function seed(root: string, bucket: string, prefix: string, count: number, subPrefixes: number): void {
  const body = 'x'.repeat(100);
  const folders = Math.max(1, subPrefixes);
  for (let f = 0; f < folders; f++) {
    const folder = subPrefixes === 0 ? join(root, bucket, prefix) : join(root, bucket, prefix, `part-${String(f).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    for (let i = f; i < count; i += folders) writeFileSync(join(folder, `o${String(i).padStart(6, '0')}.txt`), body);
  }
}

/**
 * ALTER TABLE ... REFRESH METADATA against `ossduck serve --latency MS`
 * (a network round trip on every answer), side by side with one ali-oss
 * listV2 stream over the same location (what a program listing it page after
 * page does), in alternating order after a warm-up round: a location of
 * `objects` objects under `subPrefixes` sub-prefixes, and a flat one of
 * `flatObjects`. Each side's count is checked after its clock stops.
 */
export async function ossBench(options: {
  objects: number;
  subPrefixes: number;
  flatObjects: number;
  latencyMs: number;
  /** `replay`: against ReplayOss, so that the emulator's own work per request bounds neither side. */
  against: 'serve' | 'replay';
  rounds: number;
  log: (line: string) => void;
}): Promise<OssFigures> {
  const root = mkdtempSync(join(tmpdir(), 'ossduck-bench-oss-'));
  let serve: ServeChild | undefined;
  let runtime: Session | undefined;
  let replay: ReplayOssThread | undefined;
  try {
    options.log(`  seeding ${options.objects.toLocaleString('en-US')} objects under ${options.subPrefixes} sub-prefixes and ${options.flatObjects.toLocaleString('en-US')} flat...`);
    seed(root, 'bench-bucket', 'listing', options.objects, options.subPrefixes);
    seed(root, 'bench-bucket', 'flat', options.flatObjects, 0);
    const serveLatency = options.against === 'serve' ? options.latencyMs : 0;
    serve = await ServeChild.start(root, { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET }, ['--latency', String(serveLatency)]);
    if (options.against === 'replay') replay = await ReplayOssThread.start(serve.url, options.latencyMs);
    const endpoint = replay?.url ?? serve.url;
    const origin = parseOrigin(endpoint, 'bench');
    const client = new OSS({ endpoint, bucket: 'bench-bucket', region: 'oss-cn-hangzhou', accessKeyId: ID, accessKeySecret: SECRET, authorizationV4: true, secure: false } as OSS.Options);
    const listAll = async (prefix: string): Promise<number> => {
      let token: string | undefined;
      let count = 0;
      do {
        const page = await client.listV2({ prefix, 'max-keys': '1000', 'fetch-owner': true, ...(token ? { 'continuation-token': token } : {}) } as OSS.ListV2ObjectsQuery, {});
        count += page.objects?.length ?? 0;
        token = page.isTruncated ? (page as { nextContinuationToken?: string }).nextContinuationToken : undefined;
      } while (token);
      return count;
    };
    runtime = await Session.open({ credentials: new StaticCredentialSource(new Credentials({ accessKeyId: ID, accessKeySecret: SECRET })), routing: { oss: origin, sts: origin } });
    await runtime.run(`USE bench_project;
      CREATE OBJECT TABLE listing LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/bench-bucket/listing/';
      CREATE OBJECT TABLE flat LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/bench-bucket/flat/';`);
    const session = runtime;
    const concurrency = Number(session.settings.get('ossduck.oss.max_concurrency'));
    const contenders = (table: string, objects: number) => {
      const ossduck = async (): Promise<number> => {
        const t0 = performance.now();
        await session.run(`ALTER TABLE ${table} REFRESH METADATA`);
        const ms = performance.now() - t0;
        const [[count] = []] = (await session.run(`SELECT count(*) FROM ${table}`))[0]!.rows;
        if (Number(count) !== objects) throw new Error(`REFRESH of ${table} listed ${String(count)} objects, not ${objects}`);
        return (objects / ms) * 1000;
      };
      const aliOss = async (): Promise<number> => {
        const t0 = performance.now();
        const count = await listAll(`${table}/`);
        const ms = performance.now() - t0;
        if (count !== objects) throw new Error(`ali-oss listed ${count} objects under ${table}/, not ${objects}`);
        return (objects / ms) * 1000;
      };
      return { ossduck, aliOss };
    };
    const split = contenders('listing', options.objects);
    const flat = contenders('flat', options.flatObjects);
    // Warm-up: the emulator computes ETags on a first listing; both sides load their code; ReplayOss records.
    for (const side of [split, flat]) {
      await side.aliOss();
      await side.ossduck();
    }
    if (replay) {
      const recorded = await replay.replay();
      options.log(`  replaying ${recorded} recorded answers (on a thread of their own), each after ${options.latencyMs} ms`);
    }
    const pair = async (table: string, objects: number, subPrefixes: number): Promise<ListingFigures> => {
      const { ossduck, aliOss } = table === 'listing' ? split : flat;
      const refreshPerSecond: number[] = [];
      const listV2PerSecond: number[] = [];
      const ratios: number[] = [];
      for (let round = 1; round <= options.rounds; round++) {
        const [ours, theirs] = round % 2 === 1 ? [await ossduck(), await aliOss()] : [await aliOss(), await ossduck()].reverse();
        refreshPerSecond.push(Math.round(ours!));
        listV2PerSecond.push(Math.round(theirs!));
        ratios.push(round2(ours! / theirs!));
        options.log(`  ${table}, round ${round}: REFRESH ${Math.round(ours!)} objects/s, ali-oss listV2 ${Math.round(theirs!)} objects/s, ${round2(ours! / theirs!)}x (load ${load()})`);
      }
      return { location: `${table}/`, objects, subPrefixes, refreshPerSecond, listV2PerSecond, ratios, median: round2(median(ratios)), min: Math.min(...ratios), max: Math.max(...ratios) };
    };
    const splitFigures = await pair('listing', options.objects, options.subPrefixes);
    const flatFigures = await pair('flat', options.flatObjects, 0);
    return { against: options.against, latencyMs: options.latencyMs, concurrency, split: splitFigures, flat: flatFigures, load: load() };
  } finally {
    await runtime?.close();
    await replay?.close();
    await serve?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
