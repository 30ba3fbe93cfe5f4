import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/sql/splitStatements.js';
import { toDuckSql } from '../../src/sql/toDuckSql.js';

const duck = (sql: string): string => toDuckSql(splitStatements(sql)[0]!);

describe('clauseRewrites (through toDuckSql)', () => {
  it('drops the TABLE of INSERT INTO TABLE', () => {
    expect(duck("INSERT INTO TABLE ts_test VALUES (1)")).toBe('INSERT INTO  ts_test VALUES (1)');
    expect(duck('insert into table p.s.t select 1')).toBe('insert into  p.s.t select 1');
  });

  it('drops LIFECYCLE n of CREATE TABLE, after the columns or before AS', () => {
    expect(duck('CREATE TABLE ts_test(ts timestamp) lifecycle 1')).toBe('CREATE TABLE ts_test(ts TIMESTAMPTZ)  ');
    expect(duck('CREATE TABLE t LIFECYCLE 30 AS SELECT 1 AS a')).toBe('CREATE TABLE t   AS SELECT 1 AS a');
  });

  it('leaves the words alone elsewhere', () => {
    for (const sql of ['INSERT INTO table_x VALUES (1)', 'INSERT INTO "table" VALUES (1)', 'SELECT lifecycle FROM t', 'CREATE TABLE t (lifecycle INT)', 'CREATE TABLE t (a INT) LIFECYCLE x']) {
      expect(duck(sql)).toBe(sql);
    }
  });
});

describe('clauseRewrites: INSERT OVERWRITE', () => {
  it('gives DuckDB INSERT INTO, with or without TABLE', () => {
    expect(duck('INSERT OVERWRITE TABLE t SELECT 1')).toBe('INSERT INTO  t SELECT 1');
    expect(duck('insert overwrite t select 1')).toBe('insert INTO t select 1');
  });
});
