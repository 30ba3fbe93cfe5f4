import { createHmac, hash } from 'node:crypto';
import OSS from 'ali-oss';
import { Credentials } from '../src/oss/Credentials.js';
import { StaticCredentialSource } from '../src/oss/CredentialSource.js';
import { deriveSigningKey } from '../src/oss/signing/SignatureV4.js';
import { Session } from '../src/session/Session.js';

export interface Throughput {
  readonly name: string;
  /** URLs per second of each round. */
  readonly rounds: number[];
  readonly best: number;
}

const ID = 'LTAI5tBenchKeyId';
const SECRET = 'bench-secret-not-real';
const TABLE = 'bench_project.default.files';
const SIGN_TIME = Date.UTC(2026, 10, 23, 12);

function best(rounds: number[]): number {
  return Math.max(...rounds);
}

/** A bare node:crypto loop doing only V4's hashing: SHA-256 of the canonical request, then HMAC with a cached key. */
function bareV4(keys: readonly string[]): number {
  const signingKey = deriveSigningKey(SECRET, '20261123', 'cn-hangzhou', 'oss');
  const head = 'GET\n/examplebucket/';
  const tail =
    '\nx-oss-credential=LTAI5tBenchKeyId%2F20261123%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20261123T120000Z&x-oss-expires=3600&x-oss-signature-version=OSS4-HMAC-SHA256\n\n\nUNSIGNED-PAYLOAD';
  const stsHead = 'OSS4-HMAC-SHA256\n20261123T120000Z\n20261123/cn-hangzhou/oss/aliyun_v4_request\n';
  let total = 0;
  for (const key of keys) {
    const digest = hash('sha256', head + key + tail, 'hex');
    total += createHmac('sha256', signingKey).update(stsHead + digest).digest('hex').length;
  }
  return total;
}

function timed(run: () => number | Promise<number>): Promise<number> {
  const t0 = performance.now();
  return Promise.resolve(run()).then(() => performance.now() - t0);
}

/**
 * Signing throughput, the contenders alternating over the same keys: ossduck
 * through SQL (V4 and V1), ali-oss signatureUrlV4 and signatureUrl, and the
 * bare node:crypto loop. Every contender signs every key in every round.
 */
export async function signingBench(options: { keys: number; rounds: number; log: (line: string) => void }): Promise<Throughput[]> {
  const runtime = await Session.open({
    credentials: new StaticCredentialSource(new Credentials({ accessKeyId: ID, accessKeySecret: SECRET })),
    settings: { 'ossduck.signing_time': new Date(SIGN_TIME).toISOString() },
  });
  try {
    await runtime.run(`USE bench_project;
      CREATE OBJECT TABLE files LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/';
      CREATE TABLE bench_keys AS SELECT 'data/' || (i % 1000)::VARCHAR || '/part-' || i::VARCHAR || '.parquet' AS k FROM range(${options.keys}) t(i);`);
    const [listed] = await runtime.run('SELECT k FROM bench_keys');
    const keys = listed!.rows.map((r) => r[0] as string);
    const client = (v4: boolean): OSS =>
      new OSS({ region: 'oss-cn-hangzhou', accessKeyId: ID, accessKeySecret: SECRET, bucket: 'examplebucket', secure: true, authorizationV4: v4 } as OSS.Options);
    const v4Client = client(true);
    const v1Client = client(false);

    // Same URLs first: the benchmark measures the real thing.
    const [ours] = await runtime.run(`SELECT k, GET_SIGNED_URL_FROM_OSS('${TABLE}', k) FROM (SELECT k FROM bench_keys ORDER BY k LIMIT 200)`);
    const sample = ours!.rows.map((r) => r[0] as string);
    // ali-oss reads the clock with new Date(): give it the signing instant while it signs the sample.
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
      for (let i = 0; i < sample.length; i++) {
        const theirs = new URL(await v4Client.signatureUrlV4('GET', 3600, undefined, sample[i]!));
        const mine = new URL(String(ours!.rows[i]![1]));
        if (theirs.searchParams.get('x-oss-signature') !== mine.searchParams.get('x-oss-signature')) {
          throw new Error(`ossduck and ali-oss disagree on ${sample[i]}`);
        }
      }
    } finally {
      globalThis.Date = RealDate;
    }

    const contenders: { name: string; run: () => number | Promise<number> }[] = [
      {
        name: 'ossduck SQL V4',
        run: async () => {
          await runtime.run(`SET ossduck.signature_version=v4; SELECT sum(length(GET_SIGNED_URL_FROM_OSS('${TABLE}', k))) FROM bench_keys`);
          return 0;
        },
      },
      {
        name: 'ali-oss signatureUrlV4',
        run: async () => {
          let total = 0;
          for (const k of keys) total += (await v4Client.signatureUrlV4('GET', 3600, undefined, k)).length;
          return total;
        },
      },
      { name: 'bare node:crypto V4 loop', run: () => bareV4(keys) },
      {
        name: 'ossduck SQL V1',
        run: async () => {
          await runtime.run(`SET ossduck.signature_version=v1; SELECT sum(length(GET_SIGNED_URL_FROM_OSS('${TABLE}', k))) FROM bench_keys`);
          return 0;
        },
      },
      {
        name: 'ali-oss signatureUrl (V1)',
        run: () => {
          let total = 0;
          for (const k of keys) total += v1Client.signatureUrl(k, { expires: 3600 }).length;
          return total;
        },
      },
    ];
    const results = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
    for (let round = 1; round <= options.rounds; round++) {
      for (const contender of contenders) {
        const ms = await timed(contender.run);
        const rate = Math.round((keys.length / ms) * 1000);
        results.get(contender.name)!.push(rate);
        options.log(`  round ${round}: ${contender.name.padEnd(28)} ${rate.toLocaleString('en-US').padStart(10)} URLs/s`);
      }
    }
    return contenders.map((c) => ({ name: c.name, rounds: results.get(c.name)!, best: best(results.get(c.name)!) }));
  } finally {
    await runtime.close();
  }
}
