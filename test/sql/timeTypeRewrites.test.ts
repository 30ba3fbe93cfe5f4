import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/sql/splitStatements.js';
import { toDuckSql } from '../../src/sql/toDuckSql.js';

const duck = (sql: string): string => toDuckSql(splitStatements(sql)[0]!);

/** MaxCompute text, and what DuckDB is given for it. */
const CASES: readonly [maxCompute: string, duckdb: string][] = [
  ["SELECT TIMESTAMP '1970-01-01 00:00:00'", "SELECT TIMESTAMPTZ '1970-01-01 00:00:00'"],
  ["SELECT timestamp_ntz '1970-01-01 00:00:00'", "SELECT TIMESTAMP '1970-01-01 00:00:00'"],
  ["SELECT CAST(s AS timestamp), TRY_CAST(s AS TIMESTAMP_NTZ) FROM t", 'SELECT CAST(s AS TIMESTAMPTZ), TRY_CAST(s AS TIMESTAMP) FROM t'],
  ["SELECT CAST( s AS /* type */ TIMESTAMP ) FROM t", 'SELECT CAST( s AS /* type */ TIMESTAMPTZ ) FROM t'],
  ["SELECT s::TIMESTAMP FROM t", 'SELECT s::TIMESTAMPTZ FROM t'],
  ['CREATE TABLE ts_test(ts timestamp)', 'CREATE TABLE ts_test(ts TIMESTAMPTZ)'],
  // The column's COMMENT goes too: the session keeps it with COMMENT ON (createTableComments).
  ["CREATE TABLE t2(a TIMESTAMP NOT NULL, b timestamp_ntz COMMENT 'wall', `c` TIMESTAMP)", 'CREATE TABLE t2(a TIMESTAMPTZ NOT NULL, b TIMESTAMP  , "c" TIMESTAMPTZ)'],
  ['ALTER TABLE t ADD COLUMNS (d TIMESTAMP)', 'ALTER TABLE t ADD COLUMNS (d TIMESTAMPTZ)'],
  ["SELECT DATEADD(TIMESTAMP '2024-01-01 00:00:00', 1, 'dd')", "SELECT DATEADD(TIMESTAMPTZ '2024-01-01 00:00:00', 1, 'dd')"],
];

/** The same words as names or other words: left as written. */
const UNTOUCHED: readonly string[] = [
  'SELECT 1 AS timestamp',
  'SELECT (SELECT x AS timestamp FROM t)',
  'SELECT timestamp FROM t',
  'SELECT a timestamp, b FROM t',
  'SELECT CURRENT_TIMESTAMP, UNIX_TIMESTAMP(), timestamp_col FROM t',
  'SELECT "TIMESTAMP" FROM t',
  "SELECT 'TIMESTAMP'",
  'CREATE TABLE t AS SELECT x AS timestamp FROM u',
  'SELECT DATETIME \'2024-01-01 00:00:00\'',
];

describe('timeTypeRewrites (through toDuckSql)', () => {
  it.each(CASES)('%s', (maxCompute, duckdb) => {
    expect(duck(maxCompute)).toBe(duckdb);
  });

  it.each(UNTOUCHED)('leaves %s alone', (sql) => {
    expect(duck(sql)).toBe(sql);
  });
});

describe('castRewrites (through toDuckSql)', () => {
  it('gives CAST(x AS STRING) as STRING(x), nested and over lines', () => {
    expect(duck("SELECT CAST(TIMESTAMP '2024-01-01 00:00:00' AS STRING)")).toBe("SELECT STRING(TIMESTAMPTZ '2024-01-01 00:00:00'  )");
    expect(duck('SELECT cast(\n  CAST(a + (b) AS string) as STRING) FROM t')).toBe('SELECT STRING(\n  STRING(a + (b)  )  ) FROM t');
  });

  it('leaves other casts alone', () => {
    for (const sql of ['SELECT CAST(a AS DOUBLE), CAST(b AS VARCHAR), TRY_CAST(c AS STRING), TRY_CAST(d AS BIGINT), e::BIGINT FROM t', 'SELECT CAST(a AS DECIMAL(10, 2)) FROM t', 'SELECT CAST(x AS STRING_ALIAS)']) {
      expect(duck(sql)).toBe(sql);
    }
  });
});

describe('castRewrites: integer types', () => {
  it('gives CAST(x AS BIGINT), INT, SMALLINT and TINYINT as the macros that cut the fraction off', () => {
    expect(duck('SELECT CAST(a / 2 AS BIGINT), cast(b as int), CAST(c AS SMALLINT), CAST(CAST(d AS TINYINT) AS STRING) FROM t')).toBe(
      'SELECT __ossduck_bigint(a / 2  ), __ossduck_int(b  ), __ossduck_smallint(c  ), STRING(__ossduck_tinyint(d  )  ) FROM t',
    );
  });
});

describe('castRewrites: BINARY', () => {
  it('gives CAST(x AS BINARY) as the bytes-as-they-are macro', () => {
    expect(duck("SELECT CAST(s AS BINARY) FROM t")).toBe('SELECT __ossduck_binary(s  ) FROM t');
  });
});
