import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOssduck, OssduckError } from '../../src/index.js';
import type { Ossduck } from '../../src/index.js';
import { QuietServers } from '../support/QuietServers.js';
import { ServeProcess } from '../support/ServeProcess.js';

/**
 * GET_DATA_FROM_OSS bounded: objects over ossduck.get_data.max_bytes are
 * refused (a range of them is not), every ossduck.oss.max_concurrency gives
 * the same rows in the same order as ali-oss reading one by one, and an OSS
 * that accepts and never answers (or stops in the middle of a body) fails
 * the read after ossduck.oss.read_timeout_ms, naming the host.
 */

const BUCKET = 'limits-bucket';
const TABLE = 'limits_project.default.t';
const SETUP = `USE limits_project; CREATE OBJECT TABLE IF NOT EXISTS t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/${BUCKET}/d/';`;
/** Object sizes, in an order that is not sorted: small, empty and larger ones mixed. */
const SIZES = Array.from({ length: 240 }, (_, i) => [0, 1, 700, 3000, 65_537, 12][i % 6]! + (i % 7));

const ACCESS_KEY_ID = 'LTAI5tLimitsTestKey';
const ACCESS_KEY_SECRET = 'LimitsTestSecretDoNotLeak0123';

// The OSS runs in its own process: the session's thread blocks while GET_DATA_FROM_OSS waits.
let root: string;
let serve: ServeProcess;
let duck: Ossduck;

function content(i: number, size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let j = 0; j < size; j++) bytes[j] = (i * 131 + j * 7) & 0xff;
  return bytes;
}

function md5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}

async function failure(sql: string): Promise<OssduckError> {
  try {
    await duck.run(sql);
  } catch (error) {
    if (error instanceof OssduckError) return error;
    throw error;
  }
  throw new Error(`succeeded: ${sql}`);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ossduck-limits-'));
  mkdirSync(join(root, BUCKET));
  SIZES.forEach((size, i) => {
    const path = join(root, BUCKET, 'd', `o${i}.bin`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content(i, size));
  });
  serve = await ServeProcess.start(['--port', '0', '--root', root], { OSS_ACCESS_KEY_ID: ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET: ACCESS_KEY_SECRET });
  duck = await openOssduck({ credentials: { accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET }, ossEndpoint: serve.ossUrl });
  await duck.run(SETUP);
});

afterAll(async () => {
  await duck?.close();
  expect(await serve?.stop()).toBe(0);
  rmSync(root, { recursive: true, force: true });
});

describe('ossduck.get_data.max_bytes', () => {
  it('refuses an object over the limit, naming key, size and setting, whatever the not-found policy', async () => {
    await duck.run('SET ossduck.get_data.max_bytes=1000');
    try {
      for (const policy of ['', ", 0, -1, 'OUTPUT_NULL'", ", 0, -1, 'WARN_AND_NULL'", ", 0, -1, 'THROW_EXCEPTION'"]) {
        const error = await failure(`SELECT GET_DATA_FROM_OSS('${TABLE}', 'o3.bin'${policy}) AS b`);
        expect(error.format()).toBe(
          `FAILED: ODPS-0130025:[1,8] Failed to I/O - GET_DATA_FROM_OSS: reading oss://${BUCKET}/d/o3.bin refused: it is 3003 bytes, over ossduck.get_data.max_bytes (1000); read a part with offset and length, or raise the setting`,
        );
      }
      const range = await failure(`SELECT GET_DATA_FROM_OSS('${TABLE}', 'o3.bin', 10, 2000) AS b`);
      expect(range.detail).toContain('it is 2000 bytes (the asked range of an object of 3003 bytes), over ossduck.get_data.max_bytes (1000)');
    } finally {
      await duck.run('RESET ossduck.get_data.max_bytes').catch(() => duck.run(`SET ossduck.get_data.max_bytes=${64 * 1024 * 1024}`));
    }
  });

  it('reads a range of an object over the limit when the range is within it', async () => {
    await duck.run('SET ossduck.get_data.max_bytes=1000');
    const [result] = await duck.run(`SELECT md5(GET_DATA_FROM_OSS('${TABLE}', 'o3.bin', 100, 1000)) AS h, octet_length(GET_DATA_FROM_OSS('${TABLE}', 'o1.bin')) AS small`);
    await duck.run(`SET ossduck.get_data.max_bytes=${64 * 1024 * 1024}`);
    expect(result!.rows[0]).toEqual({ h: md5(content(3, 3003).subarray(100, 1100)), small: 2 });
  });

  it('refuses values that are not a whole number of bytes from 1 to 4294967295', async () => {
    for (const bad of ['0', '-1', '1.5', 'big', '4294967296']) {
      const error = await failure(`SET ossduck.get_data.max_bytes=${bad}`);
      expect(error.detail).toBe(`ossduck.get_data.max_bytes '${bad}' is not allowed: use a whole number of bytes from 1 to 4294967295`);
    }
  });
});

describe('ossduck.oss.max_concurrency', () => {
  const keys = SIZES.map((_, i) => (i % 9 === 4 ? `gone${i}.bin` : `o${i}.bin`));
  const values = keys.map((k, i) => `('${k}', ${i})`).join(', ');

  it('gives the rows ali-oss reads one by one, in row order, at every concurrency, missing objects NULL', async () => {
    const client = new OSS({
      endpoint: serve.ossUrl,
      bucket: BUCKET,
      region: 'oss-cn-hangzhou',
      authorizationV4: true,
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: ACCESS_KEY_SECRET,
    } as OSS.Options);
    const expected: (string | null)[] = [];
    for (const key of keys) {
      try {
        expected.push(md5((await client.get(`d/${key}`)).content as Buffer));
      } catch (error) {
        expect((error as { code?: string }).code).toBe('NoSuchKey');
        expected.push(null);
      }
    }
    for (const concurrency of [1, 3, 32, 256]) {
      const [result] = await duck.run(
        `SET ossduck.oss.max_concurrency=${concurrency}; SELECT n, md5(GET_DATA_FROM_OSS('${TABLE}', k)) AS h FROM (VALUES ${values}) v(k, n) ORDER BY n`,
      );
      expect(result!.rows.map((r) => r['h'] ?? null), `concurrency ${concurrency}`).toEqual(expected);
    }
  });

  it('still fails the statement, naming the first missing key, under THROW_EXCEPTION', async () => {
    const error = await failure(`SET ossduck.oss.max_concurrency=5; SELECT GET_DATA_FROM_OSS('${TABLE}', k, 0, -1, 'THROW_EXCEPTION') FROM (VALUES ${values}) v(k, n)`);
    expect(error.detail).toBe(`GET_DATA_FROM_OSS: object oss://${BUCKET}/d/gone4.bin does not exist (NoSuchKey); object_not_found_policy is THROW_EXCEPTION`);
  });

  it('refuses values outside 1 to 256', async () => {
    for (const bad of ['0', '257', 'many']) {
      expect((await failure(`SET ossduck.oss.max_concurrency=${bad}`)).detail).toBe(
        `ossduck.oss.max_concurrency '${bad}' is not allowed: use a whole number of requests from 1 to 256`,
      );
    }
  });
});

describe('ossduck.oss.read_timeout_ms', () => {
  let servers: QuietServers;

  /** A session whose OSS requests go to `endpoint`. */
  async function readThrough(endpoint: string, sql: string): Promise<OssduckError> {
    const other = await openOssduck({ credentials: { accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET }, ossEndpoint: endpoint });
    try {
      await other.run(`${SETUP} SET ossduck.oss.read_timeout_ms=300; ${sql}`);
    } catch (error) {
      if (error instanceof OssduckError) return error;
      throw error;
    } finally {
      await other.close();
    }
    throw new Error('succeeded');
  }

  beforeAll(async () => {
    servers = await QuietServers.start();
  });

  afterAll(async () => {
    await servers.stop();
  });

  it('fails a read that gets no answer, naming the host and the timeout', async () => {
    const error = await readThrough(servers.silent, `SELECT GET_DATA_FROM_OSS('${TABLE}', 'k.bin')`);
    expect(error.detail).toBe(
      `GET_DATA_FROM_OSS: reading oss://${BUCKET}/d/k.bin failed: OSS at ${servers.silent} did not answer within 300 ms (ossduck.oss.read_timeout_ms)`,
    );
  });

  it('fails a read whose body stops coming, naming the host and the timeout', async () => {
    const error = await readThrough(servers.stalling, `SELECT GET_DATA_FROM_OSS('${TABLE}', 'k.bin')`);
    expect(error.detail).toBe(
      `GET_DATA_FROM_OSS: reading oss://${BUCKET}/d/k.bin failed: OSS at ${servers.stalling} sent no bytes for 300 ms in the middle of the body (ossduck.oss.read_timeout_ms)`,
    );
  });

  it('refuses timeouts that are not whole milliseconds from 1 to 3600000', async () => {
    for (const key of ['ossduck.oss.read_timeout_ms', 'ossduck.oss.connect_timeout_ms']) {
      expect((await failure(`SET ${key}=0`)).detail).toBe(`${key} '0' is not allowed: use a whole number of milliseconds from 1 to 3600000`);
    }
  });
});
