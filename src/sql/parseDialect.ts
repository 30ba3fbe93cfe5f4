import type { SourcePosition } from '../OssduckError.js';
import type { DialectStatement } from './DialectStatement.js';
import type { ScriptStatement } from './splitStatements.js';
import { STATEMENT_PARSERS } from './StatementParsers.js';
import type { StatementParser } from './StatementParsers.js';
import { TokenCursor } from './TokenCursor.js';

const BY_LEADING_WORDS: readonly (readonly [words: readonly string[], parse: StatementParser])[] = Object.entries(STATEMENT_PARSERS).map(
  ([leading, parse]) => [leading.split(' '), parse] as const,
);

/**
 * Reads `statement` as one of the MaxCompute statements ossduck handles
 * (STATEMENT_PARSERS: SET odps.*|ossduck.*, SETPROJECT, USE, USE SCHEMA,
 * CREATE OBJECT TABLE, CREATE SCHEMA, DESC, SHOW TABLES, SHOW SCHEMAS, SHOW
 * CREATE TABLE, ALTER TABLE ... REFRESH METADATA | RENAME TO | SET/UNSET
 * TBLPROPERTIES | SET COMMENT, DROP TABLE, DROP SCHEMA),
 * or returns undefined: the statement then goes to DuckDB unchanged.
 */
export function parseDialect(
  statement: ScriptStatement,
  script: string,
  positionAt: (offset: number) => SourcePosition,
): DialectStatement | undefined {
  const end = statement.textStart + statement.text.length;
  const cursor = new TokenCursor(statement.tokens, positionAt, end);
  for (const [words, parse] of BY_LEADING_WORDS) {
    if (cursor.acceptWords(...words)) return parse(cursor, script);
  }
  return undefined;
}
