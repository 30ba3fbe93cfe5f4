import { describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { Runtime } from '../../src/sql/Runtime.js';

const SCRIPT = `
  SET ossduck.signing_time=2026-11-23T12:00:00Z;
  CREATE OBJECT TABLE a LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/bucket-a/dir/';
  CREATE OBJECT TABLE b LOCATION 'oss://oss-cn-beijing-internal.aliyuncs.com/bucket-b/';
`;
const QUERY = `
  SELECT i, GET_SIGNED_URL_FROM_OSS(CASE WHEN i % 3 = 0 THEN 'default_project.default.b' ELSE 'default_project.default.a' END,
           CASE WHEN i % 11 = 0 THEN NULL ELSE 'k/' || i::VARCHAR || CASE i % 4 WHEN 0 THEN ' sp+ace' WHEN 1 THEN '/中文' WHEN 2 THEN '?&#' ELSE '' END END,
           60 + (i % 7), CASE WHEN i % 2 = 0 THEN 'GET' ELSE 'put' END) AS url
  FROM range(9000) r(i) ORDER BY i`;

async function urls(threads: number, version: 'v1' | 'v4'): Promise<{ rows: unknown[][]; byWorker: number }> {
  const runtime = await Runtime.open({
    credentials: new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAIpool', accessKeySecret: 'pool-secret', securityToken: 'tok' })),
    signingThreads: threads,
  });
  try {
    await runtime.run(`${SCRIPT} SET ossduck.signature_version=${version};`);
    // The worker takes blocks as it gets to them: let it start up first, as it has in a long session.
    await runtime.run(`SELECT count(GET_SIGNED_URL_FROM_OSS('default_project.default.a', i::VARCHAR)) FROM range(200000) r(i)`);
    const before = runtime.signingPool.signedByWorker;
    const results = await runtime.run(QUERY);
    return { rows: results[results.length - 1]!.rows, byWorker: runtime.signingPool.signedByWorker - before };
  } finally {
    await runtime.close();
  }
}

describe('SigningPool', () => {
  it.each(['v4', 'v1'] as const)('signs every row on two threads exactly as on one (%s)', async (version) => {
    const single = await urls(1, version);
    const shared = await urls(2, version);
    expect(single.rows).toHaveLength(9000);
    expect(single.rows.filter((r) => r[1] === null)).toHaveLength(819);
    expect(single.byWorker).toBe(0);
    expect(shared.byWorker).toBeGreaterThan(0);
    expect(shared.rows).toEqual(single.rows);
  });
});
