import { describe, expect, it } from 'vitest';
import { lineIndex } from '../../src/sql/Lexer.js';
import { parseDialect } from '../../src/sql/parseDialect.js';
import { splitStatements } from '../../src/sql/splitStatements.js';
import { OssduckError } from '../../src/OssduckError.js';

function parse(sql: string) {
  const [statement] = splitStatements(sql);
  return parseDialect(statement!, sql, lineIndex(sql));
}

function parseError(sql: string): OssduckError {
  try {
    parse(sql);
  } catch (error) {
    expect(error).toBeInstanceOf(OssduckError);
    return error as OssduckError;
  }
  throw new Error(`no error for ${sql}`);
}

/** Statements ossduck reads, and what each reads as. */
const READ: readonly [sql: string, statement: object][] = [
  ['ALTER TABLE p1.s1.docs REFRESH METADATA', { kind: 'refreshMetadata', name: { parts: ['p1', 's1', 'docs'] } }],
  ['alter table docs rename to docs2', { kind: 'renameTable', name: { parts: ['docs'] }, to: { parts: ['docs2'], position: { line: 1, column: 28 } } }],
  ['ALTER TABLE s1.docs RENAME TO s1.`docs2`', { kind: 'renameTable', name: { parts: ['s1', 'docs'] }, to: { parts: ['s1', 'docs2'] } }],
  [
    "ALTER TABLE docs SET TBLPROPERTIES ('ossduck.max_ttl'='600', 'owner'='team a')",
    { kind: 'setTableProperties', name: { parts: ['docs'] }, properties: [['ossduck.max_ttl', '600'], ['owner', 'team a']] },
  ],
  ["ALTER TABLE docs UNSET TBLPROPERTIES ('a', 'b')", { kind: 'unsetTableProperties', keys: ['a', 'b'], ifExists: false }],
  ["ALTER TABLE docs UNSET TBLPROPERTIES IF EXISTS ('a')", { kind: 'unsetTableProperties', keys: ['a'], ifExists: true }],
  ["ALTER TABLE docs SET COMMENT 'it\\'s new'", { kind: 'setTableComment', name: { parts: ['docs'] }, comment: "it's new" }],
  ["ALTER TABLE docs SET COMMENT ''", { kind: 'setTableComment', comment: '' }],
];

/** DuckDB's own ALTER TABLE statements: left to DuckDB unchanged. */
const DUCKDB: readonly string[] = [
  'ALTER TABLE t ADD COLUMN c INT',
  'ALTER TABLE t DROP COLUMN c',
  'ALTER TABLE t RENAME COLUMN a TO b',
  'ALTER TABLE t ALTER COLUMN a SET DEFAULT 1',
  'ALTER TABLE IF EXISTS t RENAME TO u',
  'ALTER TABLE "T" RENAME TO u',
  'ALTER TABLE s."T" SET COMMENT \'x\'',
  'ALTER TABLE a.b.c.d RENAME TO u',
  'ALTER TABLE t SET PARTITIONED BY (a)',
  'ALTER VIEW v RENAME TO w',
];

/** Statements ossduck reads and refuses: the detail says what was wrong and what is allowed. */
const REFUSED: readonly [sql: string, detail: string, column: number][] = [
  ['ALTER TABLE t SET TBLPROPERTIES ()', "invalid token ')': expected a TBLPROPERTIES key as a quoted string", 34],
  ["ALTER TABLE t SET TBLPROPERTIES ('k')", "invalid token ')': expected '=' after the TBLPROPERTIES key 'k'", 37],
  ["ALTER TABLE t SET TBLPROPERTIES ('k'=1)", "invalid token '1': expected the value of TBLPROPERTIES key 'k' as a quoted string", 38],
  ["ALTER TABLE t SET TBLPROPERTIES ('k'='v'", "unexpected end of statement: expected ')' to close TBLPROPERTIES", 41],
  ['ALTER TABLE t UNSET TBLPROPERTIES ()', "invalid token ')': expected a UNSET TBLPROPERTIES key as a quoted string", 36],
  ["ALTER TABLE t UNSET TBLPROPERTIES ('k'='v')", "invalid token '=': expected ')' to close UNSET TBLPROPERTIES", 39],
  ['ALTER TABLE t UNSET COMMENT', "invalid token 'UNSET': expected UNSET TBLPROPERTIES; ossduck reads ALTER TABLE <table> REFRESH METADATA", 15],
  ['ALTER TABLE t SET COMMENT', 'unexpected end of statement: expected the table comment as a quoted string', 26],
  ["ALTER TABLE t SET COMMENT 'x' 'y'", "invalid token ''y'': nothing may follow ALTER TABLE <table> REFRESH METADATA | RENAME TO <name>", 31],
  ['ALTER TABLE t RENAME TO', 'unexpected end of statement: expected the new table name', 24],
  ['ALTER TABLE t RENAME TO "u"', "invalid token '\"u\"': expected the new table name", 25],
  ['ALTER TABLE t RENAME TO u v', "invalid token 'v': nothing may follow", 27],
  ["ALTER TABLE t SET COMMENT 'a\\0b'", 'the table comment cannot hold a NUL character (U+0000)', 27],
];

describe('parseAlterTable', () => {
  it.each(READ)('reads %s', (sql, statement) => {
    expect(parse(sql)).toMatchObject(statement);
  });

  it.each(DUCKDB)('leaves %s to DuckDB', (sql) => {
    expect(parse(sql)).toBeUndefined();
  });

  it.each(REFUSED)('refuses %s with a parse error at its token', (sql, detail, column) => {
    const error = parseError(sql);
    expect(error.code).toBe('ODPS-0130161');
    expect(error.detail).toContain(detail);
    expect(error.position).toEqual({ line: 1, column });
  });
});
