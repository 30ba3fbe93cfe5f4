import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OssduckError } from '../../src/OssduckError.js';
import { Session } from '../../src/session/Session.js';
import type { SessionOptions } from '../../src/session/SessionOptions.js';
import { failureOf, textRows } from '../support/sessionProbe.js';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0, 123); // 2026-11-23 20:00:00.123 in Asia/Shanghai

let runtime: Session;

async function open(options: SessionOptions = {}): Promise<void> {
  runtime = await Session.open({ clock: () => NOW, ...options });
}

const rows = (sql: string): Promise<string[][]> => textRows(runtime, sql);

async function one(sql: string): Promise<string> {
  return (await rows(sql))[0]![0]!;
}

const failure = (sql: string): Promise<OssduckError> => failureOf(runtime, sql);

/** Epoch seconds of a UTC date-time. */
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s) / 1000;

beforeEach(async () => {
  await open();
});
afterEach(async () => {
  await runtime.close();
});

describe('GETDATE', () => {
  it("is the statement's instant as a millisecond wall time in Asia/Shanghai, a DATETIME", async () => {
    expect(await rows('SELECT GETDATE(), typeof(GETDATE())')).toEqual([['2026-11-23 20:00:00.123', 'TIMESTAMP']]);
  });

  it('follows SET odps.sql.timezone: UTC, and America/New_York in winter and summer', async () => {
    expect(await one('SET odps.sql.timezone=UTC; SELECT getdate()')).toBe('2026-11-23 12:00:00.123');
    expect(await one('SET odps.sql.timezone=America/New_York; SELECT GetDate()')).toBe('2026-11-23 07:00:00.123');
    expect(await one('SET ossduck.signing_time=2026-07-01T12:00:00Z; SELECT GETDATE()')).toBe('2026-07-01 08:00:00');
  });

  it('honours SET ossduck.signing_time and gives every row and call of a statement the same value', async () => {
    await runtime.close();
    let calls = 0;
    await open({ clock: () => NOW + 1000 * calls++ });
    const [first] = await rows('SELECT count(DISTINCT GETDATE()), min(GETDATE()), max(DATEADD(GETDATE(), 0, \'ss\')) FROM range(10000)');
    expect(first![0]).toBe('1');
    expect(first![1]).toBe(first![2]);
    const second = await one('SELECT GETDATE()');
    expect(second).not.toBe(first![1]);
    expect(await one('SET ossduck.signing_time=2026-01-01T00:00:00Z; SELECT GETDATE()')).toBe('2026-01-01 08:00:00');
    expect(await one("SET ossduck.signing_time=; SELECT GETDATE() > DATETIME '2026-11-23 20:00:00'")).toBe('true');
  });

  it('is registered volatile, so DuckDB neither folds nor caches it', async () => {
    await runtime.loadMaxComputeFunctions();
    expect(await rows("SELECT function_type, stability FROM duckdb_functions() WHERE function_name = 'GETDATE'")).toEqual([['scalar', 'VOLATILE']]);
  });

  it('takes no arguments', async () => {
    const error = await failure('SELECT GETDATE(1)');
    expect(error.code).toBe('ODPS-0130221');
    expect(error.detail).toBe('function GETDATE needs 0 parameters, actually have 1; call it as GETDATE(), with no argument');
  });
});

describe('DATEADD', () => {
  it.each([
    ["DATETIME '2005-02-28 00:00:00', 1, 'dd'", '2005-03-01 00:00:00'],
    ["DATETIME '2005-02-28 00:00:00', -1, 'dd'", '2005-02-27 00:00:00'],
    ["DATETIME '2005-02-28 00:00:00', 20, 'mm'", '2006-10-28 00:00:00'],
    ["DATETIME '2005-02-28 00:00:00', 1, 'mm'", '2005-03-28 00:00:00'],
    ["DATETIME '2005-01-29 00:00:00', 1, 'mm'", '2005-02-28 00:00:00'],
    ["DATETIME '2005-03-30 00:00:00', -1, 'mm'", '2005-02-28 00:00:00'],
  ])('gives the documented DATEADD(%s) = %s', async (args, expected) => {
    expect(await one(`SELECT DATEADD(${args})`)).toBe(expected);
  });

  it.each([
    ['year', '2006-02-28 10:20:30'], ['yyyy', '2006-02-28 10:20:30'], ['YYYY', '2006-02-28 10:20:30'],
    ['quarter', '2005-05-28 10:20:30'], ['q', '2005-05-28 10:20:30'],
    ['month', '2005-03-28 10:20:30'], ['mon', '2005-03-28 10:20:30'], ['mm', '2005-03-28 10:20:30'], ['MM', '2005-03-28 10:20:30'],
    ['week', '2005-03-07 10:20:30'], ['day', '2005-03-01 10:20:30'], ['dd', '2005-03-01 10:20:30'], ['DD', '2005-03-01 10:20:30'],
    ['hour', '2005-02-28 11:20:30'], ['hh', '2005-02-28 11:20:30'], ['mi', '2005-02-28 10:21:30'], ['ss', '2005-02-28 10:20:31'],
    ['ff3', '2005-02-28 10:20:30.001'], ['ff6', '2005-02-28 10:20:30.000001'],
  ])("adds one '%s'", async (part, expected) => {
    expect(await one(`SELECT DATEADD(DATETIME '2005-02-28 10:20:30', 1, '${part}')`)).toBe(expected);
  });

  it('clamps month ends, carries into years and keeps the type of its date', async () => {
    expect(
      await rows(`SELECT DATEADD(DATETIME '2024-01-31 08:00:00', 1, 'mm'), DATEADD(DATETIME '2024-02-29 00:00:00', 1, 'yyyy'),
        DATEADD(DATETIME '2024-02-29 00:00:00', 4, 'yyyy'), DATEADD(DATETIME '2005-12-31 23:59:59', 1, 'ss'), DATEADD(DATETIME '2005-03-31 00:00:00', -1, 'q'),
        DATEADD(DATE '2025-01-31', 1, 'mm'), typeof(DATEADD(DATE '2025-01-31', 1, 'mm')), DATEADD(DATE '2025-01-01', 25, 'hh'),
        typeof(DATEADD(DATETIME '2025-01-01 00:00:00', 1, 'dd')), typeof(DATEADD(TIMESTAMPTZ '2025-01-01 00:00:00+00', 1, 'dd')),
        DATEADD(CAST(1 AS INTEGER) + DATE '2025-01-01', CAST(2 AS TINYINT), 'dd')`),
    ).toEqual([
      ['2024-02-29 08:00:00', '2025-02-28 00:00:00', '2028-02-29 00:00:00', '2006-01-01 00:00:00', '2004-12-31 00:00:00', '2025-02-28', 'DATE', '2025-01-02', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', '2025-01-04'],
    ]);
  });

  it('agrees with luxon for 2,400 month steps from 2024-01-31 10:00 in Asia/Shanghai', async () => {
    const got = await rows("SELECT i, DATEADD(DATETIME '2024-01-31 10:00:00', i, 'mm') FROM range(-1200, 1200) t(i) ORDER BY i");
    const start = DateTime.fromObject({ year: 2024, month: 1, day: 31, hour: 10 }, { zone: 'Asia/Shanghai' });
    expect(got).toHaveLength(2400);
    for (const [i, value] of got) expect(value).toBe(start.plus({ months: Number(i) }).toFormat('yyyy-LL-dd HH:mm:ss'));
  });

  it('moves calendar units on the wall clock and hours as elapsed time across a DST change (America/New_York)', async () => {
    await runtime.run('SET odps.sql.timezone=America/New_York');
    expect(
      await rows(`SELECT DATEADD(DATETIME '2025-03-09 01:30:00', 1, 'hh'), DATEADD(DATETIME '2025-03-08 12:00:00', 1, 'dd'),
        DATEADD(DATETIME '2025-03-08 12:00:00', 24, 'hh'), DATEADD(DATETIME '2025-03-08 02:30:00', 1, 'dd'),
        DATEADD(DATETIME '2025-11-02 00:30:00', 2, 'hh'), DATEADD(DATETIME '2025-11-01 12:00:00', 1, 'dd'),
        CAST(DATEADD(TIMESTAMPTZ '2025-03-08 17:00:00+00', 1, 'dd') AS VARCHAR), CAST(DATEADD(TIMESTAMPTZ '2025-03-08 17:00:00+00', 24, 'hh') AS VARCHAR)`),
    ).toEqual([
      ['2025-03-09 03:30:00', '2025-03-09 12:00:00', '2025-03-09 13:00:00', '2025-03-09 03:30:00', '2025-11-02 01:30:00', '2025-11-02 12:00:00', '2025-03-09 12:00:00-04', '2025-03-09 13:00:00-04'],
    ]);
    await runtime.run('SET odps.sql.timezone=Asia/Shanghai');
    expect(await one("SELECT DATEADD(DATETIME '2025-03-08 12:00:00', 24, 'hh')")).toBe('2025-03-09 12:00:00');
  });

  it('gives NULL for a NULL delta or datepart', async () => {
    expect(
      await rows(`SELECT DATEADD(DATETIME '2005-02-28 00:00:00', NULL, 'dd'), DATEADD(DATETIME '2005-02-28 00:00:00', 1, NULL),
        DATEADD(DATE '2005-02-28', CAST(NULL AS BIGINT), 'dd'), DATEADD(DATETIME '2005-02-28 00:00:00', d, p)
        FROM (VALUES (CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR))) t(d, p)`),
    ).toEqual([['NULL', 'NULL', 'NULL', 'NULL']]);
  });

  it.each([
    ["NULL, 1, 'dd'"],
    ["CAST(NULL AS DATETIME), 1, 'dd'"],
    ["CAST(NULL AS DATE), NULL, 'dd'"],
  ])('fails on a NULL date, as the current MaxCompute docs say: DATEADD(%s)', async (args) => {
    const error = await failure(`SELECT DATEADD(${args})`);
    expect(error.code).toBe('ODPS-0121095');
    expect(error.detail).toBe(
      "DATEADD: date (argument 1) is NULL; MaxCompute's DATEADD fails on a NULL date: leave NULL dates out, e.g. IF(d IS NULL, NULL, DATEADD(d, 1, 'dd'))",
    );
  });

  it('fails the whole statement for one NULL date among many rows, and the IF guard avoids it', async () => {
    const sql = (expr: string) => `SELECT ${expr} FROM (SELECT CASE WHEN i = 777 THEN NULL ELSE DATETIME '2005-01-01 00:00:00' END AS d FROM range(3000) t(i))`;
    expect((await failure(sql("DATEADD(d, 1, 'dd')"))).detail).toContain('date (argument 1) is NULL');
    expect(await rows(sql("count(IF(d IS NULL, NULL, DATEADD(d, 1, 'dd')))"))).toEqual([['2999']]);
  });

  it.each([
    ["DATETIME '2005-02-28 00:00:00', 1, 'xx'", 'ODPS-0121095', "DATEADD: datepart 'xx' is not supported; allowed (any case): year|yyyy, quarter|q, month|mon|mm, week, day|dd, hour|hh, mi, ss, ff3, ff6"],
    ["DATETIME '2005-02-28 00:00:00', 1, 'minute'", 'ODPS-0121095', "datepart 'minute' is not supported"],
    ["'2005-02-28 00:00:00', 1, 'dd'", 'ODPS-0130121', 'DATEADD: date (argument 1) must be DATE, DATETIME or TIMESTAMP, got VARCHAR'],
    ["20050228, 1, 'dd'", 'ODPS-0130121', 'date (argument 1) must be DATE, DATETIME or TIMESTAMP, got INTEGER'],
    ["DATETIME '2005-02-28 00:00:00', 1.5, 'dd'", 'ODPS-0130121', 'DATEADD: delta (argument 2) must be BIGINT, got DECIMAL(2,1)'],
    ["DATETIME '2005-02-28 00:00:00', CAST(1 AS DOUBLE), 'dd'", 'ODPS-0130121', 'delta (argument 2) must be BIGINT, got DOUBLE'],
    ["DATETIME '2005-02-28 00:00:00', 1, 1", 'ODPS-0130121', 'DATEADD: datepart (argument 3) must be a STRING constant, got INTEGER'],
  ])('refuses DATEADD(%s) with %s', async (args, code, message) => {
    const error = await failure(`SELECT DATEADD(${args}) AS x`);
    expect(error.code).toBe(code);
    expect(error.detail).toContain(message);
    expect(error.position).toEqual({ line: 1, column: 8 });
  });

  it('positions an error at the call, for the CLI to print whole', async () => {
    const error = await failure("SELECT 1 AS a,\n       DATEADD(DATETIME '2005-01-01 00:00:00', 1, 'xx') AS b");
    expect(error.format()).toBe(
      "FAILED: ODPS-0121095:[2,8] Invalid arguments - DATEADD: datepart 'xx' is not supported; allowed (any case): year|yyyy, quarter|q, month|mon|mm, week, day|dd, hour|hh, mi, ss, ff3, ff6",
    );
  });

  it('fails a result DuckDB cannot hold', async () => {
    expect((await failure("SELECT DATEADD(DATETIME '2005-01-01 00:00:00', 3000000000, 'dd')")).code).toBe('ODPS-0123091');
    expect((await failure("SELECT DATEADD(DATETIME '9999-12-31 00:00:00', 300000, 'yyyy')")).detail).toContain('overflow');
  });
});

describe('DATEDIFF', () => {
  const END = "DATETIME '2006-01-01 00:00:00'";
  const START = "DATETIME '2005-12-31 23:59:59'";

  it('gives the documented examples', async () => {
    expect(await one("SELECT DATEDIFF(DATE '2025-03-02', DATE '2025-03-01', 'dd')")).toBe('1');
    expect(await rows(`SELECT ${['dd', 'mm', 'yyyy', 'hh', 'mi', 'ss'].map((p) => `datediff(${END}, ${START}, '${p}')`).join(', ')}`)).toEqual([
      ['1', '1', '1', '1', '1', '1'],
    ]);
    expect(
      await rows(`SELECT datediff(datetime'2013-05-31 13:00:00', CAST('2013-05-31 12:30:00' AS DATETIME), 'ss'),
        datediff(datetime'2013-05-31 13:00:00', CAST('2013-05-31 12:30:00' AS DATETIME), 'mi'),
        datediff(to_date('2018-06-04 19:33:23.250', 'yyyy-MM-dd hh:mi:ss.ff3'), to_date('2018-06-04 19:33:23.234', 'yyyy-MM-dd hh:mi:ss.ff3'), 'ff3'),
        DATEDIFF(DATE '2025-01-01', DATE '2024-12-31', 'year'), DATEDIFF(DATE '2025-01-01', DATE '2024-12-31', 'month')`),
    ).toEqual([['1800', '30', '16', '1', '1']]);
  });

  it("refuses the 1.0 form datediff(datetime, '...', 'ss'): MaxCompute 2.0 takes STRING dates only without date_part", async () => {
    const error = await failure("SELECT datediff(datetime'2013-05-31 13:00:00', '2013-05-31 12:30:00', 'ss')");
    expect(error.code).toBe('ODPS-0130121');
    expect(error.detail).toBe(
      "DATEDIFF: start_date (argument 2) must be DATE, DATETIME or TIMESTAMP, got STRING '2013-05-31 12:30:00'; MaxCompute 2.0 takes STRING dates in DATEDIFF only without date_part",
    );
  });

  it('counts days by default as INT, takes yyyy-mm-dd strings then, and BIGINT with a date_part', async () => {
    expect(
      await rows(`SELECT DATEDIFF(DATETIME '2025-03-02 00:00:00', DATETIME '2025-03-01 23:59:59'), typeof(DATEDIFF(DATE '2025-03-02', DATE '2025-03-01')),
        DATEDIFF('2025-03-02', '2025-03-01'), DATEDIFF('2025-03-01', DATE '2025-03-31'), typeof(DATEDIFF(DATE '2025-03-02', DATE '2025-03-01', 'dd'))`),
    ).toEqual([['1', 'INTEGER', '1', '-30', 'BIGINT']]);
  });

  it('is negative when end_date is before start_date', async () => {
    expect(await rows(`SELECT ${['dd', 'mm', 'yyyy', 'hh', 'mi', 'ss', 'ff3', 'ff6'].map((p) => `DATEDIFF(${START}, ${END}, '${p}')`).join(', ')}`)).toEqual([
      ['-1', '-1', '-1', '-1', '-1', '-1', '-1000', '-1000000'],
    ]);
  });

  it('counts Monday week boundaries for week and isoweek, and other weekdays for week(DAY)', async () => {
    // 2025-01-04 is a Saturday, 01-05 a Sunday, 01-06 a Monday.
    expect(
      await rows(`SELECT DATEDIFF(DATE '2025-01-06', DATE '2025-01-05', 'week'), DATEDIFF(DATE '2025-01-06', DATE '2025-01-05', 'isoweek'),
        DATEDIFF(DATE '2025-01-05', DATE '2025-01-04', 'week'), DATEDIFF(DATE '2025-01-05', DATE '2025-01-04', 'week(SUNDAY)'),
        DATEDIFF(DATE '2025-01-06', DATE '2025-01-05', 'week(sunday)'), DATEDIFF(DATE '2025-01-12', DATE '2025-01-06', 'week'),
        DATEDIFF(DATE '2025-01-13', DATE '2025-01-06', 'week'), DATEDIFF(DATE '2025-01-01', DATE '2025-01-31', 'week(Wednesday)')`),
    ).toEqual([['1', '1', '0', '1', '0', '0', '1', '-4']]);
  });

  it('agrees with a truncate-then-subtract reference for 500 random pairs in UTC', async () => {
    await runtime.run('SET odps.sql.timezone=UTC');
    const pairs = fc.sample(fc.tuple(fc.integer({ min: -2208988800000, max: 4102444799999 }), fc.integer({ min: -2208988800000, max: 4102444799999 })), { numRuns: 500, seed: 7 });
    const literal = (ms: number) => `TIMESTAMP '${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}'`;
    const parts = ['yyyy', 'mm', 'dd', 'hh', 'mi', 'ss', 'ff3'];
    const got = await rows(
      `SELECT ${parts.map((p) => `DATEDIFF(e, s, '${p}')`).join(', ')} FROM (VALUES ${pairs.map(([e, s]) => `(${literal(e)}, ${literal(s)})`).join(', ')}) t(e, s)`,
    );
    const floor = (ms: number, unit: number) => Math.floor(ms / unit);
    pairs.forEach(([e, s], i) => {
      const a = new Date(e);
      const b = new Date(s);
      expect(got[i]).toEqual(
        [
          a.getUTCFullYear() - b.getUTCFullYear(),
          a.getUTCFullYear() * 12 + a.getUTCMonth() - (b.getUTCFullYear() * 12 + b.getUTCMonth()),
          floor(e, 86_400_000) - floor(s, 86_400_000),
          floor(e, 3_600_000) - floor(s, 3_600_000),
          floor(e, 60_000) - floor(s, 60_000),
          floor(e, 1000) - floor(s, 1000),
          e - s,
        ].map(String),
      );
    });
  });

  it('reads every date in the session zone: TIMESTAMPTZ instants and the DST day (America/New_York)', async () => {
    const sql = `SELECT DATEDIFF(TIMESTAMPTZ '2025-01-01 16:00:00+00', TIMESTAMPTZ '2025-01-01 15:00:00+00', 'dd'),
      DATEDIFF(DATETIME '2025-03-09 03:00:00', DATETIME '2025-03-09 01:00:00', 'hh'),
      DATEDIFF(DATETIME '2025-03-10 00:00:00', DATETIME '2025-03-09 00:00:00', 'hh'),
      DATEDIFF(DATETIME '2025-03-09 23:00:00', DATETIME '2025-03-09 00:00:00', 'dd'),
      DATEDIFF(DATETIME '2025-03-10 00:00:00', DATE '2025-03-09', 'dd')`;
    expect(await rows(sql)).toEqual([['1', '2', '24', '0', '1']]);
    await runtime.run('SET odps.sql.timezone=America/New_York');
    expect(await rows(sql)).toEqual([['0', '1', '23', '0', '1']]);
    await runtime.run('SET odps.sql.timezone=UTC');
    expect(await one("SELECT DATEDIFF(TIMESTAMPTZ '2025-01-01 16:00:00+00', TIMESTAMPTZ '2025-01-01 15:00:00+00', 'dd')")).toBe('0');
  });

  it('gives NULL when any argument is NULL', async () => {
    expect(
      await rows(`SELECT DATEDIFF(NULL, DATE '2025-01-01'), DATEDIFF(DATE '2025-01-01', NULL, 'dd'), DATEDIFF(DATE '2025-01-01', DATE '2024-01-01', NULL),
        DATEDIFF(CAST(NULL AS VARCHAR), '2025-01-01'), DATEDIFF(NULL, NULL)`),
    ).toEqual([['NULL', 'NULL', 'NULL', 'NULL', 'NULL']]);
  });

  it.each([
    ["DATE '2025-01-01', DATE '2024-01-01', 'q'", 'ODPS-0121095', "DATEDIFF: datepart 'q' is not supported; allowed (any case): year|yyyy, month|mon|mm, week, week(MONDAY) to week(SUNDAY), isoweek, day|dd, hour|hh, mi, ss, ff3, ff6"],
    ["DATE '2025-01-01', DATE '2024-01-01', 'week(funday)'", 'ODPS-0121095', "datepart 'week(funday)' is not supported"],
    ["'2025-03-02 10:00:00', '2025-03-01'", 'ODPS-0121095', "DATEDIFF: end_date (argument 1) '2025-03-02 10:00:00' is not a valid date; a STRING date must be yyyy-mm-dd"],
    ["'2025-02-30', '2025-03-01'", 'ODPS-0121095', "end_date (argument 1) '2025-02-30' is not a valid date"],
    ["DATE '2025-01-01', 20240101", 'ODPS-0130121', 'DATEDIFF: start_date (argument 2) must be DATE, DATETIME or TIMESTAMP, got INTEGER'],
    ["TIME '10:00:00', DATE '2025-01-01', 'hh'", 'ODPS-0130121', 'end_date (argument 1) must be DATE, DATETIME or TIMESTAMP, got TIME'],
    ["DATE '2025-01-01', DATE '2024-01-01', 1", 'ODPS-0130121', 'DATEDIFF: datepart (argument 3) must be a STRING constant, got INTEGER'],
  ])('refuses DATEDIFF(%s) with %s', async (args, code, message) => {
    const error = await failure(`SELECT DATEDIFF(${args})`);
    expect(error.code).toBe(code);
    expect(error.detail).toContain(message);
    expect(error.position).toEqual({ line: 1, column: 8 });
  });
});

describe('TO_DATE', () => {
  it.each([
    ["'2025-01-29'", '2025-01-29'],
    ["'阿里巴巴2025-01*27', '阿里巴巴yyyy-mm*dd'", '2025-01-27 00:00:00'],
    ["'Alibaba2025-01*27', 'Alibabayyyy-mm*dd'", '2025-01-27 00:00:00'],
    ["'20250112', 'yyyymmdd'", '2025-01-12 00:00:00'],
    ["'202501281212', 'yyyymmddhhmi'", '2025-01-28 12:12:00'],
    ["'2025112', 'yyyymmdd'", 'NULL'],
    ["'阿里巴巴2025-12*3', '阿里巴巴yyyy-mm*dd'", 'NULL'],
    ["'2025-24-01', 'yyyy'", 'NULL'],
    ["'20251030 15-13-12.345','yyyymmdd hh-mi-ss.ff3'", '2025-10-30 15:13:12.345'],
    ["NULL, 'yyyymmdd hh-mi-ss.ff3'", 'NULL'],
    ["'20251030 15-13-12.345', NULL", 'NULL'],
    ["'2025-09-24T13:39:34.119Z', 'yyyy-mm-ddThh:mi:ss.ff3Z'", '2025-09-24 13:39:34.119'],
    ["'1234-2234', 'yyyy-yyyy'", 'NULL'],
  ])('gives the documented TO_DATE(%s) = %s', async (args, expected) => {
    expect(await one(`SELECT TO_DATE(${args})`)).toBe(expected);
  });

  it('gives a DATE without a format, from yyyy-mm-dd or an ISO-8601 date-time as written, and NULL otherwise', async () => {
    expect(
      await rows(`SELECT typeof(TO_DATE('2025-01-29')), TO_DATE('2025-09-24T13:39:34Z'), TO_DATE('2025-09-24T23:39:34.5+05:30'),
        TO_DATE('2025-09-24 13:39:34'), TO_DATE('2024-02-29'), TO_DATE('2025-02-29'), TO_DATE('2025-1-5'), TO_DATE('20250105'),
        TO_DATE(' 2025-01-05'), TO_DATE('2025-01-05T25:00'), TO_DATE('2025-01-05t10:00z'), TO_DATE('2025-01-05T10:61')`),
    ).toEqual([['DATE', '2025-09-24', '2025-09-24', '2025-09-24', '2024-02-29', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', '2025-01-05', 'NULL']]);
  });

  it('gives a DATETIME with a format, letters in any case, mm always the month', async () => {
    expect(
      await rows(`SELECT typeof(TO_DATE('20250112', 'yyyymmdd')), TO_DATE('2016/07/18 18:18:18', 'YYYY/MM/DD HH:MI:SS'),
        TO_DATE('18.07.2016', 'dd.mm.yyyy'), TO_DATE('2016-07-18 24:00:00', 'yyyy-mm-dd hh:mi:ss'), TO_DATE(20250112, 'yyyymmdd'),
        TO_DATE(DATETIME '2025-01-12 10:11:12', 'yyyy-mm-dd hh:mi:ss')`),
    ).toEqual([['TIMESTAMP', '2016-07-18 18:18:18', '2016-07-18 00:00:00', 'NULL', '2025-01-12 00:00:00', '2025-01-12 10:11:12']]);
  });

  it('reads a column row by row, NULLs giving NULL', async () => {
    expect(await rows("SELECT TO_DATE(s, 'yyyymmdd') FROM (VALUES ('20250101'), (NULL), ('2025'), ('20251231')) t(s)")).toEqual([
      ['2025-01-01 00:00:00'], ['NULL'], ['NULL'], ['2025-12-31 00:00:00'],
    ]);
  });

  it.each([
    ["'2016-07-18 18:18:18', 'yyyy-MM-dd HH:mm:ss'", 'ODPS-0121095', "TO_DATE: format string has second part, but doesn't have minute part : yyyy-MM-dd HH:mm:ss"],
    ["'20160718181818', 'yyyyMMddHHmmss'", 'ODPS-0121095', "format string has second part, but doesn't have minute part : yyyyMMddHHmmss"],
    ["'2016-07-18 18', 'yyyy-mm-dd mi'", 'ODPS-0121095', "format string has minute part, but doesn't have hour part : yyyy-mm-dd mi"],
    ['true', 'ODPS-0130121', 'TO_DATE: date (argument 1) must be STRING (or BIGINT, DOUBLE, DECIMAL, DATETIME), got BOOLEAN'],
    ["DATE '2025-01-01', 'yyyy'", 'ODPS-0130121', 'got DATE'],
    ["'2025', 1", 'ODPS-0130121', 'TO_DATE: format (argument 2) must be a STRING constant, got INTEGER'],
  ])('refuses TO_DATE(%s) with %s', async (args, code, message) => {
    const error = await failure(`SELECT TO_DATE(${args})`);
    expect(error.code).toBe(code);
    expect(error.detail).toContain(message);
    expect(error.position).toEqual({ line: 1, column: 8 });
  });
});

describe('TO_CHAR', () => {
  it.each([
    ["DATETIME '2025-03-05 14:30:00', 'yyyy-mm-dd'", '2025-03-05'],
    ["TIMESTAMP '2025-07-20 07:30:00', '%Y-%m-%d %H:%M:%S'", '2025-07-20 07:30:00'],
    ["datetime'2010-12-03 00:00:00', 'Alibaba Finance yyyy-mm*dd'", 'Alibaba Finance 2010-12*03'],
    ["datetime'2008-07-18 00:00:00', 'yyyymmdd'", '20080718'],
    ['123', '123'],
    ['true', 'TRUE'],
    ['1.23', '1.23'],
    ['NULL', 'NULL'],
  ])('gives the documented TO_CHAR(%s) = %s', async (args, expected) => {
    expect(await one(`SELECT TO_CHAR(${args})`)).toBe(expected);
  });

  it("fails on the documented bad literal datetime'Alibaba 2010-12*3'", async () => {
    expect((await failure("SELECT to_char(datetime'Alibaba 2010-12*3', 'Alibaba yyyy-mm*dd')")).code).toBe('ODPS-0123091');
  });

  it('formats every letter, DATE and TIMESTAMPTZ (in the session zone), copying other text', async () => {
    const sql = `SELECT TO_CHAR(DATETIME '2025-03-05 04:05:06.789', 'YYYY/MM/DD HH:MI:SS.FF3 at 100%'), TO_CHAR(DATE '2025-03-05', 'yyyymmddhhmiss'),
      TO_CHAR(TIMESTAMPTZ '2025-01-01 00:00:00+00', 'yyyy-mm-dd hh:mi'), TO_CHAR(false), TO_CHAR(CAST(2.5 AS DOUBLE)), TO_CHAR(CAST(7 AS BIGINT)),
      TO_CHAR(DATETIME '2025-03-05 00:00:00', NULL), typeof(TO_CHAR(DATE '2025-03-05', 'yyyy'))`;
    expect(await rows(sql)).toEqual([
      ['2025/03/05 04:05:06.789 at 100%', '20250305000000', '2025-01-01 08:00', 'FALSE', '2.5', '7', 'NULL', 'VARCHAR'],
    ]);
    await runtime.run('SET odps.sql.timezone=UTC');
    expect(await one("SELECT TO_CHAR(TIMESTAMPTZ '2025-01-01 00:00:00+00', 'yyyy-mm-dd hh:mi')")).toBe('2025-01-01 00:00');
  });

  it("agrees with DuckDB's strftime on 20,000 rows and reads back with TO_DATE", async () => {
    const got = await rows(`SELECT TO_CHAR(t, 'yyyy-mm-dd hh:mi:ss.ff3') = strftime(t, '%Y-%m-%d %H:%M:%S.%g'),
        TO_DATE(TO_CHAR(t, 'yyyymmddhhmissff3'), 'yyyymmddhhmissff3') = date_trunc('millisecond', t), count(*)
      FROM (SELECT DATETIME '1900-01-01 00:00:00' + to_microseconds(i * 3944700003086) AS t FROM range(20000) r(i)) GROUP BY ALL`);
    expect(got).toEqual([['true', 'true', '20000']]);
  });

  it.each([
    ["NULL, 'yyyy'", 'ODPS-0121095', "TO_CHAR: date (argument 1) is NULL; MaxCompute's TO_CHAR fails on a NULL date"],
    ["CAST(NULL AS DATETIME), 'yyyy'", 'ODPS-0121095', 'date (argument 1) is NULL'],
    ["'2025-01-01 00:00:00', 'yyyy'", 'ODPS-0130121', "TO_CHAR: date (argument 1) must be DATE, DATETIME or TIMESTAMP, got STRING '2025-01-01 00:00:00'; MaxCompute 2.0 does not turn a STRING into a DATETIME implicitly"],
    ["20250101, 'yyyy'", 'ODPS-0130121', 'date (argument 1) must be DATE, DATETIME or TIMESTAMP, got INTEGER'],
    ["DATE '2025-01-01', '%Y-%Q'", 'ODPS-0121095', "TO_CHAR: format '%Y-%Q' has '%Q', which is no format specifier"],
    ["DATE '2025-01-01', 5", 'ODPS-0130121', 'TO_CHAR: format (argument 2) must be a STRING constant, got INTEGER'],
    ["DATE '2025-01-01'", 'ODPS-0130121', "TO_CHAR: value (argument 1) must be BOOLEAN, BIGINT, DOUBLE or DECIMAL, got DATE; a date needs a format, e.g. TO_CHAR(d, 'yyyy-mm-dd')"],
    ["'abc'", 'ODPS-0130121', 'value (argument 1) must be BOOLEAN, BIGINT, DOUBLE or DECIMAL, got VARCHAR'],
  ])('refuses TO_CHAR(%s) with %s', async (args, code, message) => {
    const error = await failure(`SELECT TO_CHAR(${args})`);
    expect(error.code).toBe(code);
    expect(error.detail).toContain(message);
    expect(error.position).toEqual({ line: 1, column: 8 });
  });
});

describe('FROM_UNIXTIME', () => {
  it('gives the documented examples: the wall time in Asia/Shanghai, a DATETIME', async () => {
    expect(await rows('SELECT FROM_UNIXTIME(1609459200), from_unixtime(123456789), typeof(FROM_UNIXTIME(0))')).toEqual([
      ['2021-01-01 08:00:00', '1973-11-30 05:33:09', 'TIMESTAMP'],
    ]);
  });

  it('follows the session zone, DST included', async () => {
    await runtime.run('SET odps.sql.timezone=UTC');
    expect(await one('SELECT FROM_UNIXTIME(1609459200)')).toBe('2021-01-01 00:00:00');
    await runtime.run('SET odps.sql.timezone=America/New_York');
    expect(await rows(`SELECT FROM_UNIXTIME(${utc(2025, 3, 9, 6, 59, 59)}), FROM_UNIXTIME(${utc(2025, 3, 9, 7)}), FROM_UNIXTIME(${utc(2025, 11, 2, 5, 30)}), FROM_UNIXTIME(${utc(2025, 11, 2, 6, 30)})`)).toEqual([
      ['2025-03-09 01:59:59', '2025-03-09 03:00:00', '2025-11-02 01:30:00', '2025-11-02 01:30:00'],
    ]);
  });

  it('agrees with luxon for 1,000 random instants from 1900 to 2100 in America/New_York', async () => {
    await runtime.run('SET odps.sql.timezone=America/New_York');
    const seconds = fc.sample(fc.integer({ min: -2208988800, max: 4102444799 }), { numRuns: 1000, seed: 11 });
    const got = await rows(`SELECT FROM_UNIXTIME(s) FROM (VALUES ${seconds.map((s) => `(${s})`).join(', ')}) t(s)`);
    seconds.forEach((s, i) => expect(got[i]![0]).toBe(DateTime.fromSeconds(s, { zone: 'America/New_York' }).toFormat('yyyy-LL-dd HH:mm:ss')));
  });

  it('takes the whole documented range and NULL', async () => {
    expect(await rows('SELECT FROM_UNIXTIME(-62167305600) IS NOT NULL, FROM_UNIXTIME(253402387200) IS NOT NULL, FROM_UNIXTIME(NULL), FROM_UNIXTIME(CAST(NULL AS BIGINT))')).toEqual([
      ['true', 'true', 'NULL', 'NULL'],
    ]);
  });

  it.each([
    ['253402387201', 'ODPS-0121065', 'FROM_UNIXTIME: unixtime (argument 1) 253402387201 is out of range; allowed -62167305600 to 253402387200 (seconds since 1970-01-01 00:00:00 UTC)'],
    ['-62167305601', 'ODPS-0121065', 'unixtime (argument 1) -62167305601 is out of range'],
    ['1.5', 'ODPS-0130121', 'FROM_UNIXTIME: unixtime (argument 1) must be BIGINT, got DECIMAL(2,1)'],
    ["'1609459200'", 'ODPS-0130121', 'unixtime (argument 1) must be BIGINT, got VARCHAR'],
  ])('refuses FROM_UNIXTIME(%s) with %s', async (arg, code, message) => {
    const error = await failure(`SELECT FROM_UNIXTIME(${arg})`);
    expect(error.code).toBe(code);
    expect(error.detail).toContain(message);
  });

  it('fails the statement for one out-of-range row', async () => {
    const error = await failure('SELECT FROM_UNIXTIME(CASE WHEN i = 4321 THEN 253402387201 ELSE i END) FROM range(5000) t(i)');
    expect(error.detail).toContain('253402387201 is out of range');
  });
});

describe('UNIX_TIMESTAMP', () => {
  it("gives the documented example, the DATETIME read in Asia/Shanghai", async () => {
    expect(await rows("SELECT unix_timestamp(datetime'2009-03-20 11:11:00'), typeof(unix_timestamp(datetime'2009-03-20 11:11:00'))")).toEqual([
      ['1237518660', 'BIGINT'],
    ]);
  });

  it('reads DATETIME and DATE in the session zone, TIMESTAMPTZ as the instant it is', async () => {
    const sql = `SELECT unix_timestamp(DATETIME '2009-03-20 11:11:00'), unix_timestamp(DATE '2009-03-20'), unix_timestamp(TIMESTAMPTZ '2009-03-20 03:11:00+00'),
      unix_timestamp(DATETIME '2009-03-20 11:11:00.999'), unix_timestamp(FROM_UNIXTIME(1237518660))`;
    expect(await rows(sql)).toEqual([['1237518660', String(utc(2009, 3, 19, 16)), '1237518660', '1237518660', '1237518660']]);
    await runtime.run('SET odps.sql.timezone=UTC');
    expect(await rows(sql)).toEqual([[String(utc(2009, 3, 20, 11, 11)), String(utc(2009, 3, 20)), '1237518660', String(utc(2009, 3, 20, 11, 11)), '1237518660']]);
    expect(await one("SELECT unix_timestamp(DATETIME '1969-12-31 23:59:59.5')")).toBe('-1');
  });

  it('reads the repeated wall hour as its later instant and a skipped one moved forward (America/New_York)', async () => {
    await runtime.run('SET odps.sql.timezone=America/New_York');
    expect(
      await rows("SELECT unix_timestamp(DATETIME '2025-11-02 01:30:00'), unix_timestamp(DATETIME '2025-03-09 02:30:00'), unix_timestamp(DATETIME '2025-07-01 12:00:00')"),
    ).toEqual([[String(utc(2025, 11, 2, 6, 30)), String(utc(2025, 3, 9, 7, 30)), String(utc(2025, 7, 1, 16))]]);
  });

  it('takes the documented STRING forms yyyy-mm-dd, yyyy-mm-dd hh:mi:ss and yyyy-mm-dd hh:mi:ss.ff3', async () => {
    expect(await rows("SELECT unix_timestamp('2009-03-20'), unix_timestamp('2009-03-20 11:11:00'), unix_timestamp('2009-03-20 11:11:00.250'), unix_timestamp(CAST(NULL AS VARCHAR))")).toEqual([
      [String(utc(2009, 3, 19, 16)), '1237518660', '1237518660', 'NULL'],
    ]);
  });

  it("gives the statement's instant without arguments, the same on every row", async () => {
    expect(await rows('SELECT UNIX_TIMESTAMP(), count(DISTINCT UNIX_TIMESTAMP()) FROM range(5000) GROUP BY ALL')).toEqual([[String(Math.floor(NOW / 1000)), '1']]);
    expect(await one('SET ossduck.signing_time=2030-01-01T00:00:00Z; SELECT UNIX_TIMESTAMP()')).toBe(String(utc(2030, 1, 1)));
  });

  it('gives NULL for NULL', async () => {
    expect(await rows('SELECT unix_timestamp(NULL), unix_timestamp(CAST(NULL AS DATETIME))')).toEqual([['NULL', 'NULL']]);
  });

  it.each([
    ["'2009/03/20'", 'ODPS-0121095', "UNIX_TIMESTAMP: date (argument 1) '2009/03/20' is not a valid date; a STRING date must be yyyy-mm-dd, yyyy-mm-dd hh:mi:ss or yyyy-mm-dd hh:mi:ss.ff3"],
    ["'2009-02-30'", 'ODPS-0121095', "date (argument 1) '2009-02-30' is not a valid date"],
    ['1237518660', 'ODPS-0130121', 'UNIX_TIMESTAMP: date (argument 1) must be DATE, DATETIME or TIMESTAMP, got INTEGER'],
  ])('refuses UNIX_TIMESTAMP(%s) with %s', async (arg, code, message) => {
    const error = await failure(`SELECT UNIX_TIMESTAMP(${arg})`);
    expect(error.code).toBe(code);
    expect(error.detail).toContain(message);
    expect(error.position).toEqual({ line: 1, column: 8 });
  });
});
