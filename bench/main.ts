/**
 * `npm run bench`: ossduck's throughput side by side with the reference in
 * the same run, reported as ratios taken within paired rounds. Writes
 * bench/results.json.
 *
 *   npm run bench                         everything (about 10 minutes on 2 cores)
 *   npm run bench -- --quick              fewer keys and rounds: indicative only
 *   npm run bench -- --only signing|startup|export|oss|getdata|load|console
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../src/version.js';
import { consoleBench } from './consoleBench.js';
import { getDataBench } from './getDataBench.js';
import { loadTable, runLoadBench, sizeLabel } from './load.js';
import { ossBench } from './ossBench.js';
import type { OssFigures } from './ossBench.js';
import { load } from './pairedRounds.js';
import type { RatioFigure } from './pairedRounds.js';
import { auditBench } from './auditBench.js';
import { exportBench, startupBench } from './processBench.js';
import { signingBench } from './signingBench.js';

const SECTIONS = ['signing', 'startup', 'export', 'audit', 'oss', 'getdata', 'load', 'console'] as const;
const USAGE = `usage: npm run bench [-- --quick] [-- --only ${SECTIONS.join('|')}]`;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

function parse(args: readonly string[]): { quick: boolean; only: string | undefined } {
  let quick = false;
  let only: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--only' && SECTIONS.includes(args[i + 1] as (typeof SECTIONS)[number])) only = args[++i];
    else if (arg === '--help' || arg === '-h') {
      log(USAGE);
      process.exit(0);
    } else {
      process.stderr.write(`bench: ${arg === '--only' ? `--only takes one of ${SECTIONS.join(', ')}` : `unknown argument '${arg}'`}\n${USAGE}\n`);
      process.exit(2);
    }
  }
  return { quick, only };
}

const args = process.argv.slice(2);
const { quick, only } = parse(args);
const wanted = (section: string): boolean => only === undefined || only === section;

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  ossduck: VERSION,
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  command: `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`,
  quick,
  loadAtStart: load(),
};
interface Target {
  readonly what: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean;
}
const targets: Target[] = [];
const range = (r: RatioFigure): string => `${r.median}x (${r.min}-${r.max}x)`;
const ratioTarget = (r: RatioFigure, atLeast: number): Target => ({ what: r.what, value: range(r), target: `>= ${atLeast}x`, met: r.median >= atLeast });

if (quick) log('--quick: fewer keys and rounds; the figures are indicative only, not for docs/performance.md.\n');
log(`${cpus().length} cores, load ${load()} (1-minute average; ratios within a round are what count on a shared machine)\n`);

if (wanted('signing')) {
  const keys = quick ? 100_000 : 500_000;
  const rounds = quick ? 2 : 5;
  log(`Signing: ${keys.toLocaleString('en-US')} keys per contender per round, ${rounds} rounds after a warm-up:`);
  const figures = await signingBench({ keys, rounds, warmUpKeys: quick ? 20_000 : 100_000, log });
  results['signing'] = { ...figures, loadAtEnd: load() };
  const goal: Record<string, number> = { 'V4 SQL, 1 thread / ali-oss signatureUrlV4': 15, 'V1 SQL, 1 thread / ali-oss signatureUrl (V1)': 6, 'V4 SQL, 1 thread / bare V4 loop': 1, 'V4 SQL, all cores / V4 SQL, 1 thread': 1.6 };
  for (const r of figures.ratios) targets.push(goal[r.what] === undefined ? { what: r.what, value: range(r), target: '(measured)', met: true } : ratioTarget(r, goal[r.what]!));
  log('');
}

if (wanted('startup')) {
  const pairs = quick ? 5 : 15;
  log(`Start-up: node bin/ossduck.js -c "SELECT 1" against a bare node script opening DuckDB and running SELECT 1, ${pairs} alternating pairs:`);
  const figures = await startupBench(pairs);
  log(`  ossduck median ${figures.ossduckMedianMs} ms, bare median ${figures.bareMedianMs} ms, ratio ${figures.medianRatio}x (${figures.minRatio}-${figures.maxRatio}x), load ${figures.load}\n`);
  results['startup'] = figures;
  targets.push({ what: 'ossduck -c "SELECT 1" / bare DuckDB SELECT 1', value: `${figures.medianRatio}x (${figures.minRatio}-${figures.maxRatio}x)`, target: '<= 1.2x', met: figures.medianRatio <= 1.2 });
}

if (wanted('export')) {
  const sizes = quick ? [200_000] : [1_000_000, 10_000_000];
  const exports = [];
  for (const rows of sizes) {
    log(`Export: COPY of ${rows.toLocaleString('en-US')} signed URLs of the bench keys to Parquet, in a child process on dist/:`);
    const figures = await exportBench(rows);
    log(`  ${figures.ms} ms, ${figures.cores} cores, peak RSS ${figures.peakRssMb} MB, ${figures.bytes.toLocaleString('en-US')} bytes, load ${figures.load}\n`);
    exports.push(figures);
    targets.push({ what: `Parquet export of ${rows.toLocaleString('en-US')} URLs, peak RSS`, value: `${figures.peakRssMb} MB (${figures.ms} ms)`, target: '<= 350 MB', met: figures.peakRssMb <= 350 });
  }
  if (exports.length === 2) {
    const small = exports[0]!;
    const big = exports[1]!;
    targets.push({ what: '10M export peak / 1M export peak', value: `${Math.round((big.peakRssMb / small.peakRssMb) * 100) / 100}x`, target: '<= 1.1x (flat)', met: big.peakRssMb <= small.peakRssMb * 1.1 });
  }
  results['export'] = exports;
}

if (wanted('audit')) {
  const rows = quick ? 200_000 : 10_000_000;
  const rounds = quick ? 2 : 3;
  log(`Audit log: the Parquet export of ${rows.toLocaleString('en-US')} URLs with --audit-log and without, ${rounds} alternating rounds, each log checked:`);
  const figures = await auditBench(rows, rounds, log);
  log(`  with / without the log: median ${figures.medianRatio}x (${figures.ratios.join(', ')}), log ${figures.logBytes.toLocaleString('en-US')} bytes, load ${load()}\n`);
  results['audit'] = { ...figures, load: load() };
  targets.push({ what: `export of ${rows.toLocaleString('en-US')} URLs with the audit log / without`, value: `${figures.medianRatio}x (${figures.ratios.join(', ')})`, target: '<= 1.3x', met: figures.medianRatio <= 1.3 });
}

if (wanted('oss')) {
  const objects = quick ? 20_000 : 100_000;
  const flatObjects = quick ? 5_000 : 20_000;
  const figures: Record<string, OssFigures> = {};
  for (const against of ['serve', 'replay'] as const) {
    const where = against === 'serve' ? 'ossduck serve --latency 20' : "ossduck serve's answers recorded, then replayed after 20 ms each (bench/ReplayOss.ts)";
    log(`REFRESH METADATA of ${objects.toLocaleString('en-US')} objects under 16 sub-prefixes, and of ${flatObjects.toLocaleString('en-US')} in a flat location, on ${where}, against one ali-oss listV2 stream:`);
    const f = await ossBench({ objects, subPrefixes: 16, flatObjects, latencyMs: 20, against, rounds: quick ? 1 : 3, log });
    figures[against] = f;
    const on = against === 'serve' ? 'serve --latency 20' : 'replayed, 20 ms';
    targets.push(
      {
        what: `REFRESH of ${objects.toLocaleString('en-US')} objects, 16 sub-prefixes (${f.concurrency} in flight) / ali-oss listV2, ${on}`,
        value: `${f.split.median}x (${f.split.min}-${f.split.max}x)`,
        target: '>= 6x',
        met: f.split.median >= 6,
      },
      { what: `REFRESH of a flat location / ali-oss listV2, ${on}`, value: `${f.flat.median}x (${f.flat.min}-${f.flat.max}x)`, target: '>= 0.9x', met: f.flat.median >= 0.9 },
    );
    log('');
  }
  results['oss'] = figures;
}

if (wanted('getdata')) {
  const objects = quick ? 300 : 2_000;
  log(`GET_DATA_FROM_OSS of ${objects.toLocaleString('en-US')} 1 KiB objects on ossduck serve --latency 20, against ali-oss GETs one after the other:`);
  const figures = await getDataBench({ objects, latencyMs: 20, rounds: quick ? 1 : 3, log });
  results['getdata'] = figures;
  targets.push({
    what: `GET_DATA_FROM_OSS (${figures.concurrency} in flight) / ali-oss sequential GETs, 20 ms latency`,
    value: `${figures.median}x (${figures.min}-${figures.max}x)`,
    target: '>= 15x',
    met: figures.median >= 15,
  });
  log('');
}

if (wanted('load')) {
  log('Load on ossduck serve: presigned GETs and PUTs, 64 in flight, and a big object through presigned URLs:');
  const figures = await runLoadBench(quick ? { gets: 2_000, puts: 500, bigBytes: 256 * 1024 ** 2 } : {});
  for (const line of loadTable(figures).split('\n')) log(`  ${line}`);
  results['load'] = { ...figures, load: load() };
  const get = figures.presignedGet;
  targets.push(
    { what: 'presigned GETs through ossduck serve', value: `${get.requestsPerSecond} req/s, p99 ${get.p99Ms} ms`, target: '0 errors', met: get.errors === 0 && figures.presignedPut.errors === 0 },
    { what: `${sizeLabel(figures.bigObject.bytes)} presigned GET, server peak RSS`, value: `${figures.bigObject.serverPeakRssDuringDownloadMb} MB`, target: '< 300 MB', met: figures.bigObject.contentVerified && figures.bigObject.serverPeakRssDuringDownloadMb < 300 },
  );
  log('');
}

if (wanted('console')) {
  const gets = quick ? 3_000 : 10_000;
  log(`What the web console and the access log cost ossduck serve: ${gets.toLocaleString('en-US')} presigned GETs, 64 in flight, per configuration and round:`);
  const figures = await consoleBench({ gets, rounds: quick ? 1 : 3, log });
  results['console'] = { ...figures, load: load() };
  const worst = figures.configurations[figures.configurations.length - 1]!;
  targets.push({
    what: 'GETs with console, page and access log / none',
    value: `${worst.ratio}x (${worst.best} req/s)`,
    target: '>= 0.8x',
    met: worst.ratio >= 0.8 && figures.configurations.every((c) => c.errors === 0),
  });
  log('');
}

results['targets'] = targets;
results['loadAtEnd'] = load();
const width = Math.max(...targets.map((t) => t.what.length), 10);
log(`${'measure'.padEnd(width)}  ${'median (min-max over rounds)'.padEnd(30)} ${'target'.padEnd(15)} met`);
for (const t of targets) log(`${t.what.padEnd(width)}  ${t.value.padEnd(30)} ${t.target.padEnd(15)} ${t.met ? 'yes' : 'NO'}`);
if (quick) log('\n(--quick: indicative only)');
const file = fileURLToPath(new URL('./results.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
log(`\nwrote ${file}`);
