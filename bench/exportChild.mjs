// Run by the export benchmark in its own process, on the built library
// (dist/, as users run it): COPY signed URLs of the bench keys to Parquet,
// then report wall time and the process's peak resident memory.
//   node exportChild.mjs <rows> <key expression over range(n) t(i)>
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOssduck } from '../dist/index.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const keyExpression = process.argv[3] ?? "'part-' || i::VARCHAR || '.csv'";
const dir = mkdtempSync(join(tmpdir(), 'ossduck-bench-export-'));
const duck = await openOssduck({ credentials: { accessKeyId: 'LTAI5tExport', accessKeySecret: 'export-secret' } });
try {
  await duck.run(`CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/exports/';`);
  const file = join(dir, 'urls.parquet');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await duck.run(`COPY (SELECT key, GET_SIGNED_URL_FROM_OSS('default_project.default.t', key) AS url
    FROM (SELECT ${keyExpression} AS key FROM range(${rows}) t(i))) TO '${file}' (FORMAT parquet)`);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // The peak before checking the file: the check has its own memory.
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const [check] = await duck.run(`SELECT count(*) AS n, count(DISTINCT hash(url)) AS urls FROM '${file}'`);
  process.stdout.write(
    `${JSON.stringify({
      rows: Number(check.rows[0].n),
      distinctUrls: Number(check.rows[0].urls),
      ms: Math.round(ms),
      cores: Math.round(((cpu.user + cpu.system) / 1000 / ms) * 100) / 100,
      bytes: statSync(file).size,
      peakRssMb,
    })}\n`,
  );
} finally {
  await duck.close();
  rmSync(dir, { recursive: true, force: true });
}
