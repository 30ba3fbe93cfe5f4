// Run by the export benchmark in its own process, on the built library
// (dist/, as users run it): COPY signed URLs of the bench keys to Parquet,
// then report wall time and the process's peak resident memory.
//   node exportChild.mjs <rows> <key expression over range(n) t(i)> [<audit log path>]
// With an audit log path, the session records every URL there (the time
// includes writing it and syncing it to disk); the log is then checked: one
// line per URL, none holding a signature, its first line the URL of a row.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOssduck } from '../dist/index.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const keyExpression = process.argv[3] ?? "'part-' || i::VARCHAR || '.csv'";
const auditLog = process.argv[4] || undefined;
const dir = mkdtempSync(join(tmpdir(), 'ossduck-bench-export-'));
const duck = await openOssduck({ credentials: { accessKeyId: 'LTAI5tExport', accessKeySecret: 'export-secret' }, auditLog });

/** Lines of the audit log, whether any holds a signature, and its first line. */
function readLog(path) {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(4 * 1024 * 1024);
  let lines = 0;
  let signatures = 0;
  let first = '';
  try {
    for (let at = 0; ; ) {
      const read = readSync(fd, buffer, 0, buffer.length, at);
      if (read === 0) break;
      const view = buffer.subarray(0, read);
      if (at === 0) first = view.subarray(0, view.indexOf(0x0a)).toString('utf8');
      for (let i = view.indexOf(0x0a); i >= 0; i = view.indexOf(0x0a, i + 1)) lines++;
      if (view.includes('signature=') || view.includes('Signature=')) signatures++;
      at += read;
    }
  } finally {
    closeSync(fd);
  }
  return { lines, signatures, first };
}

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
  let audit;
  if (auditLog) {
    const log = readLog(auditLog);
    const record = JSON.parse(log.first);
    // The first line's URL is a row's URL without its signature.
    const [row] = await duck.run(`SELECT url FROM '${file}' WHERE starts_with(url, '${record.url.split('?')[0].replaceAll("'", "''")}?') LIMIT 1`);
    const signed = row?.rows[0]?.url;
    const unsigned = signed === undefined ? undefined : signed.replace(/&x-oss-signature=[0-9a-f]{64}/, '');
    audit = { lines: log.lines, linesWithSignature: log.signatures, bytes: statSync(auditLog).size, firstLineMatches: unsigned === record.url };
  }
  process.stdout.write(
    `${JSON.stringify({
      rows: Number(check.rows[0].n),
      distinctUrls: Number(check.rows[0].urls),
      ms: Math.round(ms),
      cores: Math.round(((cpu.user + cpu.system) / 1000 / ms) * 100) / 100,
      bytes: statSync(file).size,
      peakRssMb,
      ...(audit ? { audit } : {}),
    })}\n`,
  );
} finally {
  await duck.close();
  rmSync(dir, { recursive: true, force: true });
}
