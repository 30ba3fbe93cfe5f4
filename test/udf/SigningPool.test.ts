import { describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { createGetSignedUrlFromOss } from '../../src/udf/getSignedUrlFromOss.js';
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

describe('SigningPool', () => {
  it.each(['v4', 'v1'] as const)('signs every row on two threads exactly as on one (%s)', async (version) => {
    const single = await urls(1, version);
    const shared = await urls(2, version);
    expect(single.rows).toHaveLength(9000);
    expect(single.rows.filter((r) => r[1] === null)).toHaveLength(819);
    expect(single.byWorker).toBe(0);
    expect(shared.byWorker).toBeGreaterThan(2000);
    expect(shared.rows).toEqual(single.rows);
  });
});
