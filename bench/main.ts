/**
 * `npm run bench`: ossduck's throughput side by side with the reference in
 * the same run, reported as ratios. Writes bench/results.json.
 *
 *   npm run bench                 everything (several minutes)
 *   npm run bench -- --quick      fewer keys and objects, one round
 *   npm run bench -- --only signing|oss|export|startup|load|console
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../src/version.js';
import { consoleBench } from './consoleBench.js';
import { loadTable, runLoadBench, sizeLabel } from './load.js';
import { ossBench } from './ossBench.js';
import type { OssFigures } from './ossBench.js';
import { exportBench, startupBench } from './processBench.js';
import type { ExportFigures } from './processBench.js';
import { signingBench } from './signingBench.js';
import type { Throughput } from './signingBench.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const wanted = (section: string): boolean => only === undefined || only === section;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  ossduck: VERSION,
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  command: `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`,
};
const targets: { what: string; value: string; target: string; met: boolean }[] = [];
const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

if (wanted('signing')) {
  const keys = quick ? 200_000 : 1_000_000;
  log(`Signing ${keys.toLocaleString('en-US')} keys per contender per round:`);
  const figures = await signingBench({ keys, rounds: quick ? 1 : 2, log });
  const rate = (name: string): number => (figures.find((f) => f.name === name) as Throughput).best;
  const v4 = rate('ossduck SQL V4');
  const v1 = rate('ossduck SQL V1');
  results['signing'] = { keys, contenders: figures };
  targets.push(
    { what: 'V4 SQL / ali-oss signatureUrlV4', value: `${ratio(v4, rate('ali-oss signatureUrlV4'))}x`, target: '>= 10x (aim 20x)', met: v4 >= 10 * rate('ali-oss signatureUrlV4') },
    { what: 'V4 SQL / bare node:crypto loop', value: `${ratio(v4, rate('bare node:crypto V4 loop'))}x`, target: '>= 0.6x', met: v4 >= 0.6 * rate('bare node:crypto V4 loop') },
    { what: 'V1 SQL / ali-oss signatureUrl', value: `${ratio(v1, rate('ali-oss signatureUrl (V1)'))}x`, target: '>= 5x', met: v1 >= 5 * rate('ali-oss signatureUrl (V1)') },
  );
}

if (wanted('oss')) {
  const objects = quick ? 20_000 : 100_000;
  const getDataObjects = quick ? 2_000 : 10_000;
  log(`REFRESH METADATA of ${objects.toLocaleString('en-US')} objects and GET_DATA_FROM_OSS of ${getDataObjects.toLocaleString('en-US')}, against ossduck serve:`);
  const figures: OssFigures = await ossBench({ objects, getDataObjects, rounds: quick ? 1 : 2, log });
  results['oss'] = figures;
  const refresh = Math.max(...figures.refreshPerSecond);
  const list = Math.max(...figures.listV2PerSecond);
  targets.push({ what: 'REFRESH / ali-oss listV2 alone', value: `${ratio(refresh, list)}x`, target: '>= 0.5x', met: refresh >= 0.5 * list });
  targets.push({ what: 'GET_DATA_FROM_OSS small objects', value: `${Math.max(...figures.getDataPerSecond)} objects/s`, target: '(measured)', met: true });
}

if (wanted('export')) {
  const rows = quick ? 200_000 : 1_000_000;
  log(`COPY of ${rows.toLocaleString('en-US')} signed URLs to Parquet, in a child process:`);
  const figures: ExportFigures = await exportBench(rows);
  log(`  ${figures.ms} ms, peak RSS ${figures.peakRssMb} MB, ${figures.bytes.toLocaleString('en-US')} bytes`);
  results['export'] = figures;
  targets.push({ what: `Parquet export of ${rows.toLocaleString('en-US')} URLs, peak RSS`, value: `${figures.peakRssMb} MB (${figures.ms} ms)`, target: '<= 400 MB', met: figures.peakRssMb <= 400 });
}

if (wanted('startup')) {
  log('ossduck -c "SELECT 1", whole process:');
  const figures = await startupBench(quick ? 5 : 11);
  log(`  median ${figures.medianMs} ms (${figures.runsMs.join(', ')})`);
  results['startup'] = figures;
  targets.push({ what: 'ossduck -c "SELECT 1" wall time', value: `${figures.medianMs} ms`, target: '<= 500 ms', met: figures.medianMs <= 500 });
}

if (wanted('load')) {
  log('Load on ossduck serve: presigned GETs and PUTs, 64 in flight, and a 1 GiB object through presigned URLs:');
  const figures = await runLoadBench(quick ? { gets: 2_000, puts: 500, bigBytes: 256 * 1024 ** 2 } : {});
  for (const line of loadTable(figures).split('\n')) log(`  ${line}`);
  results['load'] = figures;
  const get = figures.presignedGet;
  targets.push(
    { what: 'presigned GETs through ossduck serve', value: `${get.requestsPerSecond} req/s, p99 ${get.p99Ms} ms`, target: '0 errors', met: get.errors === 0 && figures.presignedPut.errors === 0 },
    { what: `${sizeLabel(figures.bigObject.bytes)} presigned GET, server peak RSS`, value: `${figures.bigObject.serverPeakRssDuringDownloadMb} MB`, target: '< 300 MB', met: figures.bigObject.contentVerified && figures.bigObject.serverPeakRssDuringDownloadMb < 300 },
  );
}

if (wanted('console')) {
  const gets = quick ? 3_000 : 10_000;
  log(`What the web console and the access log cost ossduck serve: ${gets.toLocaleString('en-US')} presigned GETs, 64 in flight, per configuration and round:`);
  const figures = await consoleBench({ gets, rounds: quick ? 1 : 3, log });
  results['console'] = figures;
  const worst = figures.configurations[figures.configurations.length - 1]!;
  targets.push({
    what: 'GETs with console, page and access log / none',
    value: `${worst.ratio}x (${worst.best} req/s)`,
    target: '>= 0.8x',
    met: worst.ratio >= 0.8 && figures.configurations.every((c) => c.errors === 0),
  });
}

results['targets'] = targets;
log('');
log(`${'measure'.padEnd(46)} ${'value'.padEnd(26)} ${'target'.padEnd(18)} met`);
for (const t of targets) log(`${t.what.padEnd(46)} ${t.value.padEnd(26)} ${t.target.padEnd(18)} ${t.met ? 'yes' : 'NO'}`);
const file = fileURLToPath(new URL('./results.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
log(`\nwrote ${file}`);
