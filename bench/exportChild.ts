/**
 * Run in a child process by the export benchmark: COPY a million signed URLs
 * to Parquet, then report wall time and the process's peak resident memory.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Credentials } from '../src/oss/Credentials.js';
import { StaticCredentialSource } from '../src/oss/CredentialSource.js';
import { Runtime } from '../src/sql/Runtime.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'ossduck-bench-export-'));
const runtime = await Runtime.open({
  credentials: new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAI5tExport', accessKeySecret: 'export-secret' })),
});
try {
  await runtime.run(`CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/exports/';
    CREATE TABLE keys AS SELECT 'part-' || i::VARCHAR || '.csv' AS key FROM range(${rows}) r(i);`);
  const file = join(dir, 'urls.parquet');
  const t0 = performance.now();
  await runtime.run(`COPY (SELECT key, GET_SIGNED_URL_FROM_OSS('default_project.default.t', key) AS url FROM keys) TO '${file}' (FORMAT parquet)`);
  const ms = performance.now() - t0;
  const [check] = await runtime.run(`SELECT count(*) FROM '${file}'`);
  process.stdout.write(
    `${JSON.stringify({ rows: Number(check!.rows[0]![0]), ms: Math.round(ms), bytes: statSync(file).size, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
  );
} finally {
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
}
