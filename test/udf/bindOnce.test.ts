import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OssduckError } from '../../src/OssduckError.js';
import { Session } from '../../src/session/Session.js';
import { bindOnce } from '../../src/udf/bindOnce.js';
import { MAXCOMPUTE_FUNCTIONS } from '../../src/udf/registerMaxComputeFunctions.js';
import { lastRows, textRows } from '../support/sessionProbe.js';

let session: Session;

/** `f` applied `depth` times around `start`. */
const nest = (depth: number, start: string, f: (x: string) => string): string => {
  let sql = start;
  for (let i = 0; i < depth; i++) sql = f(sql);
  return sql;
};

/**
 * Each function nested in its own arguments, starting from a column of table
 * `v` (so DuckDB cannot fold the nesting to a constant), and its value 12 deep.
 */
const NESTINGS: readonly { readonly name: string; readonly at: (depth: number) => string; readonly twelve: string }[] = [
  { name: 'DATEADD (DATETIME)', at: (n) => nest(n, 'dt', (x) => `DATEADD(${x}, 1, 'mm')`), twelve: '2021-01-29 10:00:00' },
  { name: 'DATEADD (DATE)', at: (n) => nest(n, 'd', (x) => `DATEADD(${x}, 1, 'dd')`), twelve: '2020-02-12' },
  { name: 'DATEDIFF in DATEADD', at: (n) => nest(n, 'n', (x) => `DATEDIFF(DATEADD(dt, ${x}, 'dd'), dt, 'dd')`), twelve: '1' },
  {
    name: 'DATEDIFF (STRING dates)',
    at: (n) => nest(n, 'n', (x) => `DATEDIFF(TO_CHAR(DATEADD(TO_DATE(s), ${x}, 'dd'), 'yyyy-mm-dd'), s)`),
    twelve: '1',
  },
  { name: 'TO_CHAR / TO_DATE', at: (n) => nest(n, 's', (x) => `TO_CHAR(TO_DATE(${x}, 'yyyy-mm-dd'), 'yyyy-mm-dd')`), twelve: '2020-01-31' },
  { name: 'TO_CHAR (number)', at: (n) => nest(n, 'n', (x) => `length(TO_CHAR(${x}))`), twelve: '1' },
  { name: 'STRING', at: (n) => nest(n, 's', (x) => `STRING(${x})`), twelve: '2020-01-31' },
  { name: 'UNIX_TIMESTAMP / FROM_UNIXTIME', at: (n) => nest(n, 'n', (x) => `UNIX_TIMESTAMP(FROM_UNIXTIME(${x}))`), twelve: '1' },
  { name: 'SUBSTR', at: (n) => nest(n, 's', (x) => `SUBSTR(${x}, 1, 10)`), twelve: '2020-01-31' },
  { name: 'REGEXP_REPLACE (4 arguments)', at: (n) => nest(n, 's', (x) => `REGEXP_REPLACE(${x}, 'x', 'y', 0)`), twelve: '2020-01-31' },
  { name: 'SPLIT', at: (n) => nest(n, 's', (x) => `SPLIT(${x}, '/')[1]`), twelve: '2020-01-31' },
  { name: 'CONCAT', at: (n) => nest(n, "'a'", (x) => `CONCAT(${x}, 'b')`), twelve: 'abbbbbbbbbbbb' },
  { name: 'CONCAT_WS (as separator)', at: (n) => nest(n, "'-'", (x) => `CONCAT_WS(${x}, 'x', 'y')`), twelve: 'xxxxxxxxxxxx-yyyyyyyyyyyy' },
];

/** The length of the projection DuckDB plans for `sql`, read from EXPLAIN (FORMAT json). */
async function plannedLength(sql: string): Promise<number> {
  // A plan that grows exponentially would take minutes: interrupted after 20 s, it fails the test instead of hanging it.
  const watchdog = setTimeout(() => session.interrupt(), 20_000);
  const [[, plan]] = (await lastRows(session, `EXPLAIN (FORMAT json) SELECT ${sql} FROM v`).finally(() => clearTimeout(watchdog))) as [[unknown, string]];
  const projections = (JSON.parse(plan) as { extra_info: { Projections: string } }[])[0]!.extra_info.Projections;
  return projections.length;
}

/** Runs `sql`, interrupts it when it has run `afterMs`, and resolves to the error it ends with and the ms from interrupt to end. */
async function interrupted(sql: string, afterMs: number): Promise<{ error: unknown; stoppedMs: number }> {
  let interruptedAt = 0;
  const timer = setTimeout(() => {
    interruptedAt = performance.now();
    session.interrupt();
  }, afterMs);
  try {
    await session.run(sql);
    return { error: undefined, stoppedMs: 0 };
  } catch (error) {
    return { error, stoppedMs: performance.now() - interruptedAt };
  } finally {
    clearTimeout(timer);
  }
}

describe('bindOnce', () => {
  beforeEach(async () => {
    session = await Session.open({ settings: { 'odps.sql.timezone': 'UTC' } });
    await session.loadMaxComputeFunctions();
    await session.run("CREATE TEMP TABLE v AS SELECT DATETIME '2020-01-31 10:00:00' dt, DATE '2020-01-31' d, '2020-01-31' s, CAST(1 AS BIGINT) n");
  });
  afterEach(async () => {
    await session.close();
  });

  it('writes a macro that puts each argument into the call once, and constants as written', () => {
    const sql = bindOnce('f', 'g', [{ parameters: [] }, { parameters: ['a', 'b', 'fmt'], constants: ['fmt'] }]);
    expect(sql).toBe(
      'CREATE OR REPLACE TEMP MACRO f\n      () AS g(),\n      (a, b, fmt) AS list_transform([a], lambda __ossduck_a: ' +
        'list_transform([b], lambda __ossduck_b: g(__ossduck_a, __ossduck_b, fmt))[1])[1]',
    );
  });

  it("gives every MaxCompute macro untyped parameters, each named once in DuckDB's definition of it", async () => {
    const macros = MAXCOMPUTE_FUNCTIONS.filter((n) => n !== 'GETDATE').map((n) => `'${n.toLowerCase()}'`);
    const rows = (await lastRows(
      session,
      `SELECT function_name, parameters, parameter_types, macro_definition FROM duckdb_functions()
        WHERE function_type = 'macro' AND database_name = 'temp' AND function_name IN (${macros.join(', ')}) ORDER BY ALL`,
    )) as unknown as [string, { items: string[] }, { items: (string | null)[] }, string][];
    expect(new Set(rows.map(([name]) => name)).size).toBe(macros.length);
    for (const [name, parameters, types, definition] of rows) {
      expect(types.items.every((t) => t === null), `${name} has typed parameters`).toBe(true);
      for (const parameter of parameters.items) {
        const mentions = definition.match(new RegExp(`\\b${parameter}\\b`, 'g'))?.length ?? 0;
        expect(mentions, `${name}(${parameters.items.join(', ')}) names ${parameter} ${mentions} times: ${definition}`).toBe(1);
      }
    }
  });

  for (const { name, at, twelve } of NESTINGS) {
    it(`plans ${name} nested 12 deep in a plan that grows by the same amount at each depth, and gets it right`, async () => {
      // Checked depth by depth, so an exponential plan fails at depth 3 rather than planning on for minutes.
      const lengths = [await plannedLength(at(1)), await plannedLength(at(2))];
      for (let depth = 3; depth <= 12; depth++) {
        lengths.push(await plannedLength(at(depth)));
        expect(lengths[depth - 1]! - lengths[depth - 2]!, `plan lengths by depth: ${lengths.join(', ')}`).toBe(lengths[1]! - lengths[0]!);
      }
      expect(await textRows(session, `SELECT ${at(12)} FROM v`)).toEqual([[twelve]]);
    });
  }

  it('stops a deep nesting over a billion rows on interrupt, with the cancelled error', async () => {
    const deep = nest(12, "DATEADD(DATETIME '2020-01-01 00:00:00', i, 'ss')", (x) => `DATEADD(${x}, 1, 'dd')`);
    const { error, stoppedMs } = await interrupted(`SELECT count(*) FROM range(1000000000) t(i) WHERE ${deep} < DATETIME '2000-01-01 00:00:00'`, 300);
    expect(error).toBeInstanceOf(OssduckError);
    expect((error as OssduckError).message).toContain('Instance has been cancelled - Interrupted!');
    expect(stoppedMs).toBeLessThan(10_000);
  });

  it('stops a long loop of JavaScript scalar calls (TO_CHAR per row in a recursive CTE) on interrupt', async () => {
    const loop = `WITH RECURSIVE r(i, s) AS (SELECT 0, '' UNION ALL
        SELECT i + 1, TO_CHAR(DATEADD(DATETIME '2020-01-01 00:00:00', i, 'ss'), 'yyyy-mm-dd hh:mi:ss') FROM r WHERE i < 100000000)
      SELECT count(*) FROM r`;
    const { error, stoppedMs } = await interrupted(loop, 300);
    expect(error).toBeInstanceOf(OssduckError);
    expect((error as OssduckError).message).toContain('Instance has been cancelled - Interrupted!');
    expect(stoppedMs).toBeLessThan(10_000);
    expect(await textRows(session, 'SELECT 1')).toEqual([['1']]);
  });
});
