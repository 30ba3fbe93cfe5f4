import { describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.js';

const ENV = { OSS_ACCESS_KEY_ID: 'LTAI5tLateRow', OSS_ACCESS_KEY_SECRET: 'late-row-secret' };
const TABLE = `CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/exports/';`;

describe('ossduck -c with a query that fails on a late row, after DuckDB began returning its rows', () => {
  it('prints none of its rows, names the failure and exits 1, whatever the format', async () => {
    for (const format of ['csv', 'jsonl']) {
      const signing = `${TABLE} SELECT GET_SIGNED_URL_FROM_OSS('default_project.default.t', CASE WHEN i < 199000 THEN 'ok-' || i::VARCHAR ELSE repeat('x', 2000) END) AS url FROM range(200000) t(i);`;
      const run = await runCli(['--format', format, '-c', signing], { env: ENV });
      expect([run.code, run.stdout]).toEqual([1, '']);
      expect(run.stderr).toMatch(/^FAILED: ODPS-0121095:\[1,\d+\] Invalid arguments - GET_SIGNED_URL_FROM_OSS: key 'x+\.\.\.' .*which OSS refuses: it is 2008 bytes long; OSS allows 1 to 1023 bytes of UTF-8\n$/);
    }
    const casting = await runCli(['--format', 'csv', '-c', `SELECT CAST(CASE WHEN i < 999000 THEN '1' ELSE 'x' END AS INTEGER) AS v FROM range(1000000) t(i);`], { env: ENV });
    expect([casting.code, casting.stdout]).toEqual([1, '']);
    expect(casting.stderr).toMatch(/^FAILED: ODPS-0123091:.* Illegal type cast - Could not convert string 'x' to INT32/);
  });
});
