// Run by the export benchmark in its own process, on the built library
// (dist/, as users run it): COPY signed URLs to Parquet, then report wall time
// and the process's peak resident memory.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOssduck } from '../dist/index.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const threads = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const dir = mkdtempSync(join(tmpdir(), 'ossduck-bench-export-'));
const duck = await openOssduck({ credentials: { accessKeyId: 'LTAI5tExport', accessKeySecret: 'export-secret' }, ...(threads ? { signingThreads: threads } : {}) });
try {
  await duck.run(`CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/exports/';
    CREATE TABLE keys AS SELECT 'part-' || i::VARCHAR || '.csv' AS key FROM range(${rows}) r(i);`);
  const file = join(dir, 'urls.parquet');
  const t0 = performance.now();
  await duck.run(`COPY (SELECT key, GET_SIGNED_URL_FROM_OSS('default_project.default.t', key) AS url FROM keys) TO '${file}' (FORMAT parquet)`);
  const ms = performance.now() - t0;
  const [check] = await duck.run(`SELECT count(*) AS n FROM '${file}'`);
  process.stdout.write(
    `${JSON.stringify({ rows: Number(check.rows[0].n), ms: Math.round(ms), bytes: statSync(file).size, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
  );
} finally {
  await duck.close();
  rmSync(dir, { recursive: true, force: true });
}
