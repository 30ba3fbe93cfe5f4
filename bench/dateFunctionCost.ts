/**
 * Seconds per million rows of MaxCompute's month and format functions next
 * to the DuckDB expression that computes the same value, in one Session,
 * interleaved rounds, median of the rounds; the ratio is ossduck / DuckDB.
 *
 *   node --import tsx bench/dateFunctionCost.ts [rounds] [millionRows]
 */
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { Session } from '../src/session/Session.js';

/** ossduck's call and DuckDB's own expression for the same value, over `d` (DATE) and `ts` (DATETIME). */
const PAIRS: readonly (readonly [string, string, string])[] = [
  ['LAST_DAY(d)', 'LAST_DAY(d)', "strftime(system.main.last_day(d), '%Y-%m-%d')"],
  ["LAST_DAY(d, 'q')", "LAST_DAY(d, 'q')", "CAST(date_trunc('quarter', d) + INTERVAL 3 MONTH AS DATE) - 1"],
  ['ADD_MONTHS(d, 1)', 'ADD_MONTHS(d, 1)', "strftime(d + INTERVAL 1 MONTH, '%Y-%m-%d')"],
  ["NEXT_DAY(d, 'MO')", "NEXT_DAY(d, 'MO')", "strftime(d + CAST((1 - isodow(d) + 6) % 7 + 1 AS INTEGER), '%Y-%m-%d')"],
  ['MONTHS_BETWEEN(ts, d)', 'MONTHS_BETWEEN(ts, d)', "date_diff('month', d, ts) + 0.0"],
  ["DATE_FORMAT(ts, 'yyyy-MM-dd HH:mi:ss')", "DATE_FORMAT(ts, 'yyyy-MM-dd HH:mi:ss')", "strftime(ts, '%Y-%m-%d %H:%M:%S')"],
  ['TO_MILLIS(ts)', 'TO_MILLIS(ts)', 'epoch_ms(CAST(ts AS TIMESTAMPTZ))'],
];

const rounds = Number(process.argv[2] ?? 5);
const rows = Math.round(Number(process.argv[3] ?? 1) * 1_000_000);
const log = (line: string): void => void process.stdout.write(`${line}\n`);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const session = await Session.open({});
try {
  await session.run(`CREATE TEMP TABLE bench_dates AS SELECT DATE '2000-01-01' + CAST(i % 10000 AS INTEGER) AS d,
    TIMESTAMP '2000-01-01 00:00:00' + to_seconds(i * 37) AS ts FROM range(${rows}) r(i)`);
  const time = async (expr: string): Promise<number> => {
    const started = performance.now();
    await session.run(`SELECT count(DISTINCT ${expr}) FROM bench_dates`);
    return (performance.now() - started) / 1000;
  };
  for (const [, ours] of PAIRS) await time(ours); // makes the functions and warms up
  log(`load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${rows} rows; median of ${rounds} interleaved rounds; seconds`);
  log(['call', 'ossduck', 'DuckDB', 'ratio'].join('\t'));
  for (const [name, ours, theirs] of PAIRS) {
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < rounds; r++) {
      a.push(await time(ours));
      b.push(await time(theirs));
    }
    log([name, median(a).toFixed(3), median(b).toFixed(3), (median(a) / median(b)).toFixed(2)].join('\t'));
  }
} finally {
  await session.close();
}
