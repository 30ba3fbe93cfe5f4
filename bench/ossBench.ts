import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OSS from 'ali-oss';
import { Credentials } from '../src/oss/Credentials.js';
import { StaticCredentialSource } from '../src/oss/CredentialSource.js';
import { parseOrigin } from '../src/oss/OssRouting.js';
import { Session } from '../src/session/Session.js';
import { ServeChild } from './ServeChild.js';

const ID = 'LTAI5tBenchOss';
const SECRET = 'bench-oss-secret';

export interface OssFigures {
  readonly objects: number;
  readonly listV2PerSecond: number[];
  readonly refreshPerSecond: number[];
  readonly getDataObjects: number;
  readonly getDataPerSecond: number[];
}

/** Writes `count` small objects into a bucket folder of the emulator root, as a user seeds one. */
function seed(root: string, bucket: string, prefix: string, count: number, size: number): void {
  const body = 'x'.repeat(size);
  for (let dir = 0; dir * 1000 < count; dir++) {
    const folder = join(root, bucket, prefix, `d${String(dir).padStart(4, '0')}`);
    mkdirSync(folder, { recursive: true });
    for (let i = dir * 1000; i < Math.min(count, (dir + 1) * 1000); i++) writeFileSync(join(folder, `o${i}.txt`), body);
  }
}

/**
 * REFRESH METADATA of `objects` objects from `ossduck serve` against ali-oss
 * listV2 alone over the same listing, alternating; and GET_DATA_FROM_OSS over
 * `getDataObjects` small objects.
 */
export async function ossBench(options: { objects: number; getDataObjects: number; rounds: number; log: (line: string) => void }): Promise<OssFigures> {
  const root = mkdtempSync(join(tmpdir(), 'ossduck-bench-oss-'));
  let serve: ServeChild | undefined;
  let runtime: Session | undefined;
  try {
    options.log(`  seeding ${options.objects.toLocaleString('en-US')} + ${options.getDataObjects.toLocaleString('en-US')} objects...`);
    seed(root, 'bench-bucket', 'listing', options.objects, 100);
    seed(root, 'bench-bucket', 'data', options.getDataObjects, 512);
    serve = await ServeChild.start(root, { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET });
    const origin = parseOrigin(serve.url, 'bench');
    const client = new OSS({
      endpoint: serve.url,
      bucket: 'bench-bucket',
      region: 'oss-cn-hangzhou',
      accessKeyId: ID,
      accessKeySecret: SECRET,
      authorizationV4: true,
      secure: false,
    } as OSS.Options);
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
    options.log('  warming the emulator (first listings compute ETags)...');
    if ((await listAll('listing/')) !== options.objects) throw new Error('the listing does not have every object');
    await listAll('data/');
    runtime = await Session.open({
      credentials: new StaticCredentialSource(new Credentials({ accessKeyId: ID, accessKeySecret: SECRET })),
      routing: { oss: origin, sts: origin },
    });
    await runtime.run(`USE bench_project;
      CREATE OBJECT TABLE listing LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/bench-bucket/listing/';
      CREATE OBJECT TABLE data LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/bench-bucket/data/';
      ALTER TABLE data REFRESH METADATA;`);
    const listV2PerSecond: number[] = [];
    const refreshPerSecond: number[] = [];
    const getDataPerSecond: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      let t0 = performance.now();
      await listAll('listing/');
      listV2PerSecond.push(Math.round((options.objects / (performance.now() - t0)) * 1000));
      t0 = performance.now();
      await runtime.run('ALTER TABLE listing REFRESH METADATA');
      refreshPerSecond.push(Math.round((options.objects / (performance.now() - t0)) * 1000));
      const [[count] = []] = (await runtime.run('SELECT count(*) FROM listing'))[0]!.rows;
      if (Number(count) !== options.objects) throw new Error(`REFRESH listed ${String(count)} objects`);
      t0 = performance.now();
      const [result] = await runtime.run("SELECT sum(octet_length(GET_DATA_FROM_OSS('bench_project.default.data', key))) FROM data");
      getDataPerSecond.push(Math.round((options.getDataObjects / (performance.now() - t0)) * 1000));
      if (Number(result!.rows[0]![0]) !== options.getDataObjects * 512) throw new Error('GET_DATA_FROM_OSS read the wrong bytes');
      options.log(
        `  round ${round}: listV2 ${listV2PerSecond.at(-1)}/s, REFRESH ${refreshPerSecond.at(-1)}/s, GET_DATA_FROM_OSS ${getDataPerSecond.at(-1)}/s`,
      );
    }
    return { objects: options.objects, listV2PerSecond, refreshPerSecond, getDataObjects: options.getDataObjects, getDataPerSecond };
  } finally {
    await runtime?.close();
    await serve?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
