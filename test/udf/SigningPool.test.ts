import { BIGINT, DuckDBInstance, DuckDBScalarFunction, VARCHAR } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import { createGetSignedUrlFromOss } from '../../src/udf/getSignedUrlFromOss.js';
import { readVarcharBytes } from '../../src/udf/readVarcharBytes.js';
import { rawVector } from '../../src/udf/scalarFunction.js';
import { SigningPool } from '../../src/udf/SigningPool.js';
import { FunctionHarness, objectTable } from '../support/FunctionHarness.js';

const TABLES = [
  objectTable('default_project.default.a', 'oss://oss-cn-hangzhou.aliyuncs.com/bucket-a/dir/'),
  objectTable('default_project.default.b', 'oss://oss-cn-beijing-internal.aliyuncs.com/bucket-b/'),
];
const QUERY = `
  SELECT i, GET_SIGNED_URL_FROM_OSS(CASE WHEN i % 3 = 0 THEN 'default_project.default.b' ELSE 'default_project.default.a' END,
           CASE WHEN i % 11 = 0 THEN NULL ELSE 'k/' || i::VARCHAR || CASE i % 4 WHEN 0 THEN ' sp+ace' WHEN 1 THEN '/中文' WHEN 2 THEN '?&#' ELSE '' END END,
           60 + (i % 7), CASE WHEN i % 2 = 0 THEN 'GET' ELSE 'put' END) AS url
  FROM range(9000) r(i) ORDER BY i`;

async function urls(threads: number, version: 'v1' | 'v4'): Promise<{ rows: unknown[][]; byWorker: number }> {
  const harness = await FunctionHarness.open(
    {
      tables: TABLES,
      credentials: new Credentials({ accessKeyId: 'LTAIpool', accessKeySecret: 'pool-secret', securityToken: 'tok' }),
      signingThreads: threads,
      signatureVersion: version,
    },
    (connection, context) => connection.registerScalarFunction(createGetSignedUrlFromOss(context)),
  );
  try {
    return { rows: await harness.run(QUERY), byWorker: harness.signingPool.signedByWorker };
  } finally {
    await harness.close();
  }
}

function presigner(version: 'v1' | 'v4', token: string | undefined): Presigner {
  return new Presigner({
    version,
    credentials: new Credentials({ accessKeyId: 'LTAIpool', accessKeySecret: 'pool-secret', securityToken: token }),
    method: 'GET',
    bucket: 'bucket-a',
    signTime: 1795438800,
    expiresIn: 600,
    region: 'cn-hangzhou',
    product: 'oss',
    address: { scheme: 'https', host: 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' },
  });
}

describe('SigningPool', () => {
  it.each(['v4', 'v1'] as const)('signs every row of a statement on two threads as on one (%s)', async (version) => {
    const single = await urls(1, version);
    const shared = await urls(2, version);
    expect(single.rows).toHaveLength(9000);
    expect(single.rows.filter((r) => r[1] === null)).toHaveLength(819);
    expect(single.byWorker).toBe(0);
    expect(shared.rows).toEqual(single.rows);
  });

  it('has the worker sign its blocks byte for byte as url() does: NULLs, a key prefix, two presigners in a chunk, keys that grow the shared buffers', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const pool = new SigningPool({ threads: 2, waitForWorker: true });
    const signers = [presigner('v4', undefined), presigner('v1', 'CAIS+tok/en==')];
    const prefix = Buffer.from('dir/é/');
    try {
      connection.registerScalarFunction(
        DuckDBScalarFunction.create({
          name: 'pool_sign',
          returnType: VARCHAR,
          parameterTypes: [VARCHAR, BIGINT],
          specialHandling: true,
          mainFunction: (_info, chunk, output) => {
            const keys = readVarcharBytes(duckdb.data_chunk_get_vector(chunk.chunk, 0), chunk.rowCount);
            const numbers = chunk.getColumnVector(1);
            pool.begin();
            for (let row = 0; row < chunk.rowCount; row++) {
              const buffer = keys.buffer[row]!;
              if (buffer < 0) {
                output.setItem(row, null);
                continue;
              }
              pool.add(row, signers[Number(numbers.getItem(row)) % 3 === 0 ? 1 : 0]!, prefix, keys.buffers[buffer]!, keys.start[row]!, keys.start[row]! + keys.length[row]!);
            }
            pool.finish(rawVector(output));
            output.flush();
          },
        }),
      );
      const reader = await connection.runAndReadAll(`
        SELECT k, pool_sign(k, i) AS url FROM (
          SELECT i, CASE WHEN i % 13 = 0 THEN NULL WHEN i % 5 = 0 THEN repeat('中', 300) || i::VARCHAR ELSE 'k ' || i::VARCHAR END AS k
          FROM range(9000) r(i)) ORDER BY i`);
      const rows = reader.getRows();
      expect(rows).toHaveLength(9000);
      // Every third row is signed with the V1 presigner.
      rows.forEach(([k, url], i) => {
        expect(url).toBe(k === null ? null : signers[i % 3 === 0 ? 1 : 0]!.url(`dir/é/${String(k)}`));
      });
      expect(pool.signedByWorker).toBeGreaterThan(0);
    } finally {
      await pool.close();
      connection.closeSync();
      instance.closeSync();
    }
  });
});
