import OSS from 'ali-oss';
import { openOssduck } from '../src/index.js';
import type { Ossduck } from '../src/index.js';
import { bareV1Urls, bareV4Urls } from './bareLoops.js';
import type { BareSpec } from './bareLoops.js';
import { createBenchKeys } from './benchKeys.js';
import { pairedRounds, ratioOf } from './pairedRounds.js';
import type { Contender, ContenderFigures, RatioFigure } from './pairedRounds.js';
import { digestOf, normalizedDigestOf, sameDigest } from './urlDigest.js';
import type { UrlDigest } from './urlDigest.js';

const ID = 'LTAI5tBenchKeyId';
const SECRET = 'bench-secret-not-real';
const TABLE = 'bench_project.default.files';
const SIGN_TIME = Date.UTC(2026, 10, 23, 12);
const SPEC: BareSpec = {
  accessKeyId: ID,
  accessKeySecret: SECRET,
  bucket: 'examplebucket',
  endpoint: 'oss-cn-hangzhou.aliyuncs.com',
  region: 'cn-hangzhou',
  signTime: SIGN_TIME / 1000,
  expiresIn: 3600,
};

export interface SigningFigures {
  readonly keys: number;
  readonly averageKeyLength: number;
  readonly keysNeedingEncoding: number;
  readonly rounds: number;
  readonly contenders: ContenderFigures[];
  readonly ratios: RatioFigure[];
  readonly checks: string[];
}

type Version = 'v4' | 'v1';

/** ali-oss reads the clock with `new Date()`: while it signs, the clock shows the bench's signing instant. */
async function atSigningInstant<T>(run: () => Promise<T>): Promise<T> {
  const RealDate = Date;
  class FixedDate extends RealDate {
    constructor(...args: ConstructorParameters<typeof Date>) {
      if ((args as unknown[]).length === 0) super(SIGN_TIME);
      else super(...args);
    }
    static override now(): number {
      return SIGN_TIME;
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
  try {
    return await run();
  } finally {
    globalThis.Date = RealDate;
  }
}

function mismatch(name: string, got: UrlDigest, expected: UrlDigest, how: string): Error {
  return new Error(`${name}: its URLs differ from the bare loop's ${how} (count ${got.count} vs ${expected.count}, digest ${got.sum} vs ${expected.sum})`);
}

async function session(threads: number | undefined): Promise<Ossduck> {
  const duck = await openOssduck({
    credentials: { accessKeyId: ID, accessKeySecret: SECRET },
    settings: { 'ossduck.signing_time': new Date(SIGN_TIME).toISOString() },
    ...(threads === undefined ? {} : { signingThreads: threads }),
  });
  await duck.run(`USE bench_project;
    CREATE OBJECT TABLE files LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/';`);
  return duck;
}

/**
 * Signing throughput, ossduck through SQL (one signing thread, and every
 * core) against ali-oss and a bare node:crypto loop doing the same whole job,
 * in paired rounds over the same keys. Each run's whole output is checked:
 * ossduck's and the bare loop's URLs byte for byte (a digest of all of them),
 * ali-oss's after normalizing (query parameters sorted, path decoded).
 */
export async function signingBench(options: { keys: number; rounds: number; warmUpKeys: number; log: (line: string) => void }): Promise<SigningFigures> {
  const one = await session(1);
  const all = await session(undefined);
  try {
    for (const duck of [one, all]) {
      await duck.run(`${createBenchKeys('bench_keys', options.keys)}; ${createBenchKeys('warm_keys', options.warmUpKeys)};`);
    }
    const [listed] = await one.run('SELECT k FROM bench_keys ORDER BY i');
    const keys = listed!.rows.map((r) => r['k'] as string);
    const warmKeys = keys.slice(0, options.warmUpKeys);
    const [shape] = await one.run(
      "SELECT avg(length(k)) AS len, avg((replace(url_encode(k), '%2F', '/') <> k)::INT) AS enc FROM bench_keys",
    );
    const averageKeyLength = Math.round(Number(shape!.rows[0]!['len']) * 10) / 10;
    const keysNeedingEncoding = Math.round(Number(shape!.rows[0]!['enc']) * 1000) / 1000;
    options.log(`  ${keys.length.toLocaleString('en-US')} keys, ${averageKeyLength} characters on average, ${keysNeedingEncoding * 100}% needing percent-encoding`);

    const bare = { v4: bareV4Urls, v1: bareV1Urls } as const;
    const reference = { v4: bare.v4(SPEC, keys), v1: bare.v1(SPEC, keys) };
    const expected = { v4: digestOf(reference.v4), v1: digestOf(reference.v1) };
    const expectedNormalized = { v4: normalizedDigestOf(reference.v4), v1: normalizedDigestOf(reference.v1) };
    const checks: string[] = [];
    const aliOss = { v4: new OSS({ region: 'oss-cn-hangzhou', accessKeyId: ID, accessKeySecret: SECRET, bucket: 'examplebucket', secure: true, authorizationV4: true } as OSS.Options), v1: new OSS({ region: 'oss-cn-hangzhou', accessKeyId: ID, accessKeySecret: SECRET, bucket: 'examplebucket', secure: true } as OSS.Options) };

    const aliExact = { v4: true, v1: true };
    const sqlContender = (name: string, duck: Ossduck, version: Version, threads: 'one' | 'all'): Contender => ({
      name,
      threads,
      run: async () => {
        await duck.run(`CREATE OR REPLACE TABLE signed AS SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', k) AS url FROM bench_keys`);
        return async () => {
          const [d] = await duck.run('SELECT count(url) AS n, sum(md5_number_lower(url))::VARCHAR AS s FROM signed; DROP TABLE signed;');
          const got = { count: Number(d!.rows[0]!['n']), sum: String(d!.rows[0]!['s']) };
          if (!sameDigest(got, expected[version])) throw mismatch(name, got, expected[version], 'byte for byte');
        };
      },
    });
    const contenders = (version: Version): Contender[] => {
      const V = version.toUpperCase();
      const aliName = version === 'v4' ? 'ali-oss signatureUrlV4' : 'ali-oss signatureUrl (V1)';
      return [
        sqlContender(`ossduck SQL ${V}, 1 signing thread`, one, version, 'one'),
        {
          name: aliName,
          threads: 'one',
          run: async () => {
            const urls = new Array<string>(keys.length);
            if (version === 'v4') await atSigningInstant(async () => {
              for (let i = 0; i < keys.length; i++) urls[i] = await aliOss.v4.signatureUrlV4('GET', 3600, undefined, keys[i]!);
            });
            else await atSigningInstant(async () => {
              for (let i = 0; i < keys.length; i++) urls[i] = aliOss.v1.signatureUrl(keys[i]!, { expires: 3600 });
            });
            return async () => {
              const got = normalizedDigestOf(urls);
              if (!sameDigest(got, expectedNormalized[version])) throw mismatch(aliName, got, expectedNormalized[version], 'after normalizing');
              if (!sameDigest(digestOf(urls), expected[version])) aliExact[version] = false;
            };
          },
        },
        {
          name: `bare node:crypto ${V} loop, full URL`,
          threads: 'one',
          run: async () => {
            const urls = bare[version](SPEC, keys);
            return async () => {
              const got = digestOf(urls);
              if (!sameDigest(got, expected[version])) throw mismatch(`bare ${V} loop`, got, expected[version], 'of an earlier run');
            };
          },
        },
        sqlContender(`ossduck SQL ${V}, all cores`, all, version, 'all'),
      ];
    };

    const figures: ContenderFigures[] = [];
    const ratios: RatioFigure[] = [];
    for (const version of ['v4', 'v1'] as const) {
      const V = version.toUpperCase();
      for (const duck of [one, all]) await duck.run(`SET ossduck.signature_version=${version}`);
      const list = contenders(version);
      options.log(`  ${V}:`);
      const got = await pairedRounds({
        contenders: list,
        units: keys.length,
        rounds: options.rounds,
        unit: 'URLs',
        log: options.log,
        warmUp: async () => {
          for (const duck of [one, all]) await duck.run(`SELECT count(GET_SIGNED_URL_FROM_OSS('${TABLE}', k)) FROM warm_keys`);
          if (version === 'v4') await atSigningInstant(async () => { for (const k of warmKeys) await aliOss.v4.signatureUrlV4('GET', 3600, undefined, k); });
          else await atSigningInstant(async () => { for (const k of warmKeys) aliOss.v1.signatureUrl(k, { expires: 3600 }); });
          bare[version](SPEC, warmKeys);
        },
      });
      figures.push(...got);
      const [sql1, ali, bareName, sqlAll] = list.map((c) => c.name) as [string, string, string, string];
      ratios.push(
        ratioOf(`${V} SQL, 1 thread / ${ali}`, got, sql1, ali),
        ratioOf(`${V} SQL, 1 thread / bare ${V} loop`, got, sql1, bareName),
        ratioOf(`${V} SQL, all cores / ${V} SQL, 1 thread`, got, sqlAll, sql1),
        ratioOf(`${V} SQL, all cores / ${ali}`, got, sqlAll, ali),
      );
      checks.push(
        `${V}: every round, ossduck's URLs (1 thread and all cores) equal the bare loop's byte for byte (count and digest of all ${keys.length.toLocaleString('en-US')})`,
        aliExact[version]
          ? `${V}: every round, ${ali}'s URLs equal the bare loop's byte for byte`
          : `${V}: every round, ${ali}'s URLs equal the bare loop's after sorting query parameters and decoding the path, not byte for byte (ali-oss orders the parameters otherwise and leaves ( ) unescaped)`,
      );
    }
    return { keys: keys.length, averageKeyLength, keysNeedingEncoding, rounds: options.rounds, contenders: figures, ratios, checks };
  } finally {
    await one.close();
    await all.close();
  }
}
