/**
 * Seconds to plan and run MaxCompute's date and string functions nested 1..N
 * deep, one statement per depth in a fresh Session, each with a deadline
 * (DuckDB's interrupt) so an exponential case stops instead of running on.
 *
 *   node --import tsx bench/nestingDepth.ts [maxDepth] [deadlineSeconds]
 */
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { Session } from '../src/session/Session.js';

/** Each function nested `depth` deep around a start value. */
const NESTINGS: Readonly<Record<string, (depth: number) => string>> = {
  DATEADD: (n) => wrap(n, 'GETDATE()', (x) => `DATEADD(${x}, 1, 'dd')`),
  'DATEADD (DATE)': (n) => wrap(n, "DATE '2020-01-01'", (x) => `DATEADD(${x}, 1, 'mm')`),
  DATEDIFF: (n) => wrap(n, '0', (x) => `DATEDIFF(DATEADD(GETDATE(), ${x}, 'dd'), GETDATE(), 'dd')`),
  TO_CHAR: (n) => wrap(n, "'2020-01-01'", (x) => `TO_CHAR(TO_DATE(${x}, 'yyyy-mm-dd'), 'yyyy-mm-dd')`),
  STRING: (n) => wrap(n, "'x'", (x) => `STRING(${x})`),
  TO_DATE: (n) => wrap(n, "'2020-01-01'", (x) => `STRING(TO_DATE(${x}))`),
  UNIX_TIMESTAMP: (n) => wrap(n, '0', (x) => `UNIX_TIMESTAMP(FROM_UNIXTIME(${x}))`),
  ADD_MONTHS: (n) => wrap(n, "'2020-01-31'", (x) => `ADD_MONTHS(${x}, 1)`),
  'LAST_DAY (part)': (n) => wrap(n, "DATE '2020-01-01'", (x) => `LAST_DAY(DATEADD(${x}, 1, 'dd'), 'q')`),
  NEXT_DAY: (n) => wrap(n, "'2020-01-01'", (x) => `NEXT_DAY(${x}, 'MO')`),
  MONTHS_BETWEEN: (n) => wrap(n, '0', (x) => `MONTHS_BETWEEN(ADD_MONTHS('2020-01-31', CAST(${x} AS BIGINT)), '2020-01-31')`),
  DATE_FORMAT: (n) => wrap(n, "'2020-01-01'", (x) => `DATE_FORMAT(CAST(TO_DATE(${x}, 'yyyy-mm-dd') AS TIMESTAMP), 'yyyy-MM-dd')`),
  TO_MILLIS: (n) => wrap(n, '0', (x) => `TO_MILLIS(FROM_UNIXTIME(${x} // 1000))`),
};

function wrap(depth: number, start: string, f: (x: string) => string): string {
  let sql = start;
  for (let i = 0; i < depth; i++) sql = f(sql);
  return sql;
}

const maxDepth = Number(process.argv[2] ?? 8);
const deadline = Number(process.argv[3] ?? 30) * 1000;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

log(`load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; seconds per statement; '>N' = interrupted at the deadline`);
log(['function', ...Array.from({ length: maxDepth }, (_, i) => `d${i + 1}`)].join('\t'));
for (const [name, nest] of Object.entries(NESTINGS)) {
  const cells: string[] = [];
  let stopped = false;
  for (let depth = 1; depth <= maxDepth; depth++) {
    if (stopped) {
      cells.push('-');
      continue;
    }
    const session = await Session.open({});
    const timer = setTimeout(() => session.interrupt(), deadline);
    const started = performance.now();
    try {
      await session.run(`SELECT ${nest(depth)}`);
      cells.push(((performance.now() - started) / 1000).toFixed(3));
    } catch (error) {
      const seconds = (performance.now() - started) / 1000;
      if (seconds * 1000 >= deadline) {
        cells.push(`>${(deadline / 1000).toFixed(0)}`);
        stopped = true;
      } else cells.push(`error: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      clearTimeout(timer);
      await session.close();
    }
  }
  log([name, ...cells].join('\t'));
}
