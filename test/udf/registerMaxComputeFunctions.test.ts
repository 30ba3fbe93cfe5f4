import { ANY, DuckDBInstance, DuckDBScalarFunction, VARCHAR } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OssduckError } from '../../src/OssduckError.js';
import { Session } from '../../src/session/Session.js';
import { MAXCOMPUTE_FUNCTIONS } from '../../src/udf/registerMaxComputeFunctions.js';
import { textRows } from '../support/sessionProbe.js';

let runtime: Session;

const rows = (sql: string): Promise<string[][]> => textRows(runtime, sql);

describe('registerMaxComputeFunctions', () => {
  beforeEach(async () => {
    runtime = await Session.open({ clock: () => Date.UTC(2026, 10, 23, 12) });
  });
  afterEach(async () => {
    await runtime.close();
  });

  it('makes them on the first statement that calls one, not before', async () => {
    const count = "SELECT count(*) FROM duckdb_functions() WHERE function_name = 'GETDATE'";
    expect(await rows(count)).toEqual([['0']]);
    await rows('SELECT 1 AS getdate_is_not_a_call');
    expect(await rows(count)).toEqual([['0']]);
    await rows('SELECT getdate () IS NOT NULL');
    expect(await rows(count)).toEqual([['1']]);
  });

  it('registers every MaxCompute name on the connection', async () => {
    await runtime.loadMaxComputeFunctions();
    const names = MAXCOMPUTE_FUNCTIONS.map((n) => `'${n.toLowerCase()}'`).join(', ');
    const found = await rows(`SELECT DISTINCT lower(function_name) FROM duckdb_functions()
      WHERE lower(function_name) IN (${names}) AND (function_type = 'macro' OR function_name = 'GETDATE') ORDER BY 1`);
    expect(found.map((r) => r[0])).toEqual(MAXCOMPUTE_FUNCTIONS.map((n) => n.toLowerCase()).sort());
  });

  it("makes DATEDIFF MaxCompute's (end, start[, part]) while DuckDB's date_diff stays", async () => {
    expect(
      await rows(`SELECT DATEDIFF(DATE '2025-03-03', DATE '2025-03-01'), datediff(DATE '2025-03-03', DATE '2025-03-01', 'dd'),
        date_diff('day', DATE '2025-03-01', DATE '2025-03-03'), date_diff('month', DATE '2025-01-31', DATE '2025-03-01'),
        strftime(DATE '2025-03-01', '%Y'), to_timestamp(0) = TIMESTAMPTZ '1970-01-01 00:00:00+00'`),
    ).toEqual([['2', '2', '2', '2', '2025', 'true']]);
    let error: unknown;
    try {
      await runtime.run("SELECT datediff('day', DATE '2025-03-01', DATE '2025-03-03')");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OssduckError);
    expect((error as OssduckError).detail).toContain('DATEDIFF: ');
  });

  it('uses a macro for DATEDIFF because a JavaScript function of that name only adds an overload that DuckDB ranks below its own', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      connection.registerScalarFunction(
        DuckDBScalarFunction.create({
          name: 'datediff',
          returnType: VARCHAR,
          varArgsType: ANY,
          specialHandling: true,
          mainFunction: (_info, chunk, output) => {
            for (let row = 0; row < chunk.rowCount; row++) output.setItem(row, 'js');
            output.flush();
          },
        }),
      );
      const reader = await connection.runAndReadAll(
        "SELECT datediff('day', DATE '2025-03-01', DATE '2025-03-03'), datediff(DATE '2025-03-03', DATE '2025-03-01', 'dd'), datediff(DATE '2025-03-03', DATE '2025-03-01')",
      );
      expect(reader.getRows()).toEqual([[2n, 'js', 'js']]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('answers in any case and from any project or schema in use', async () => {
    await runtime.run('USE other_project; CREATE SCHEMA s2; USE SCHEMA s2; SET odps.sql.timezone=UTC');
    expect(
      await rows(`SELECT getdate(), Dateadd(DATE '2025-01-01', 1, 'dd'), to_char(DATE '2025-01-01', 'yyyy'), From_Unixtime(0),
        unix_timestamp(DATE '1970-01-02'), To_Date('2025-01-01'), String(1)`),
    ).toEqual([['2026-11-23 12:00:00', '2025-01-02', '2025', '1970-01-01 00:00:00', '86400', '2025-01-01', '1']]);
  });

  it('keeps each runtime to its own session zone', async () => {
    const other = await Session.open({ settings: { 'odps.sql.timezone': 'UTC' }, clock: () => Date.UTC(2026, 10, 23, 12) });
    try {
      expect((await other.run('SELECT GETDATE(), FROM_UNIXTIME(0)'))[0]!.rows.map((r) => r.map(String))).toEqual([['2026-11-23 12:00:00', '1970-01-01 00:00:00']]);
      expect(await rows('SELECT GETDATE(), FROM_UNIXTIME(0)')).toEqual([['2026-11-23 20:00:00', '1970-01-01 08:00:00']]);
    } finally {
      other.close();
    }
  });
});
