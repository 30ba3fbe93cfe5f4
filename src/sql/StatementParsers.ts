import type { DialectStatement, QualifiedName } from './DialectStatement.js';
import { parseAlterTable } from './parseAlterTable.js';
import { parseCreateObjectTable } from './parseCreateObjectTable.js';
import type { TokenCursor } from './TokenCursor.js';

/**
 * Reads the rest of a statement once its leading words are taken; undefined
 * leaves the statement to DuckDB unchanged.
 */
export type StatementParser = (cursor: TokenCursor, script: string) => DialectStatement | undefined;

const SETTING_KEY = /^\s*((?:odps|ossduck)\.[A-Za-z0-9_.-]+)\s*=(.*)$/is;

/** A setting's value as written, one pair of enclosing quotes taken off. */
function settingValue(raw: string): string {
  const value = raw.trim();
  return value.length >= 2 && /^(['"]).*\1$/s.test(value) ? value.slice(1, -1) : value;
}

/** `SET odps.*=...` and `SET ossduck.*=...`; DuckDB's own SET statements stay DuckDB's. */
const parseSet: StatementParser = (cursor, script) => {
  const match = SETTING_KEY.exec(cursor.rest(script));
  if (!match) return undefined;
  return { kind: 'set', key: match[1]!, value: settingValue(match[2]!) };
};

/** `SETPROJECT <key>=<value>`, or `SETPROJECT` alone to list the project's settings. */
const parseSetProject: StatementParser = (cursor, script) => {
  const rest = cursor.rest(script).trim();
  if (rest === '') return { kind: 'setProject', key: undefined, value: '' };
  const match = /^([A-Za-z0-9_.-]+)\s*=(.*)$/s.exec(rest);
  if (!match) throw cursor.error('expected SETPROJECT <key>=<value>');
  return { kind: 'setProject', key: match[1]!, value: settingValue(match[2]!) };
};

/** `USE SCHEMA <schema>`, `USE <project>` or `USE <project>.<schema>`. */
const parseUse: StatementParser = (cursor) => {
  if (cursor.isWord('SCHEMA') && cursor.peek(1) !== undefined) {
    cursor.next();
    const schema = cursor.qualifiedName('a schema name', 2);
    cursor.expectEnd('USE SCHEMA <name>');
    return { kind: 'useSchema', schema };
  }
  const name = cursor.qualifiedName('a project name', 2);
  cursor.expectEnd('USE <project>');
  return { kind: 'useProject', project: name.parts[0]!, schema: name.parts[1], position: name.position };
};

/** `DESC [EXTENDED] <table>`; DESC SCHEMA, PROJECT and FUNCTION stay DuckDB's. */
const parseDescribe: StatementParser = (cursor) => {
  const extended = cursor.acceptWords('EXTENDED');
  if (cursor.isWord('SCHEMA') || cursor.isWord('PROJECT') || cursor.isWord('FUNCTION')) return undefined;
  const name = cursor.qualifiedName('a table name', 3);
  cursor.expectEnd('DESC <table>');
  return { kind: 'describe', name, extended };
};

const parseShowTables: StatementParser = (cursor) => {
  let scope: QualifiedName | undefined;
  if (cursor.acceptWords('IN') || cursor.acceptWords('FROM')) scope = cursor.qualifiedName('a project or project.schema', 2);
  const like = cursor.acceptWords('LIKE') ? cursor.string('a LIKE pattern').value : undefined;
  cursor.expectEnd('SHOW TABLES [IN <project>[.<schema>]] [LIKE ...]');
  return { kind: 'showTables', scope, like };
};

const parseShowSchemas: StatementParser = (cursor) => {
  let project: QualifiedName | undefined;
  if (cursor.acceptWords('IN') || cursor.acceptWords('FROM')) project = cursor.qualifiedName('a project name', 1);
  const like = cursor.acceptWords('LIKE') ? cursor.string('a LIKE pattern').value : undefined;
  cursor.expectEnd('SHOW SCHEMAS [IN <project>] [LIKE ...]');
  return { kind: 'showSchemas', project, like };
};

const parseShowCreateTable: StatementParser = (cursor) => {
  const name = cursor.qualifiedName('a table name', 3);
  cursor.expectEnd('SHOW CREATE TABLE <table>');
  return { kind: 'showCreateTable', name };
};

const parseDropTable: StatementParser = (cursor) => {
  const ifExists = cursor.acceptWords('IF', 'EXISTS');
  const name = cursor.qualifiedName('a table name', 3);
  cursor.acceptWords('PURGE');
  cursor.expectEnd('DROP TABLE [IF EXISTS] <table>');
  return { kind: 'dropTable', name, ifExists };
};

const parseDropSchema: StatementParser = (cursor) => {
  const ifExists = cursor.acceptWords('IF', 'EXISTS');
  const name = cursor.qualifiedName('a schema name', 2);
  cursor.acceptWords('PURGE');
  const cascade = cursor.acceptWords('CASCADE');
  if (!cascade) cursor.acceptWords('RESTRICT');
  cursor.expectEnd('DROP SCHEMA [IF EXISTS] <schema> [RESTRICT|CASCADE]');
  return { kind: 'dropSchema', name, ifExists, cascade };
};

const parseCreateSchema: StatementParser = (cursor) => {
  const ifNotExists = cursor.acceptWords('IF', 'NOT', 'EXISTS');
  const name = cursor.qualifiedName('a schema name', 2);
  let comment: string | undefined;
  if (cursor.acceptWords('COMMENT')) comment = cursor.string('the schema comment').value;
  cursor.expectEnd('CREATE SCHEMA <name> [COMMENT ...]');
  return { kind: 'createSchema', name, ifNotExists, comment };
};

/**
 * The MaxCompute statements ossduck reads, keyed by their leading words
 * (upper case, one space apart; matched without regard to case). No key is
 * a prefix of another, so at most one matches a statement.
 */
export const STATEMENT_PARSERS: Readonly<Record<string, StatementParser>> = {
  'SET': parseSet,
  'SETPROJECT': parseSetProject,
  'USE': parseUse,
  'CREATE OBJECT TABLE': parseCreateObjectTable,
  'DESC': parseDescribe,
  'DESCRIBE': parseDescribe,
  'SHOW TABLES': parseShowTables,
  'SHOW SCHEMAS': parseShowSchemas,
  'SHOW CREATE TABLE': parseShowCreateTable,
  'ALTER TABLE': parseAlterTable,
  'DROP TABLE': parseDropTable,
  'DROP SCHEMA': parseDropSchema,
  'CREATE SCHEMA': parseCreateSchema,
};
