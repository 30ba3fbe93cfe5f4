import type { DialectStatement, QualifiedName } from './DialectStatement.js';
import { parseProperties, parsePropertyKeys } from './parseProperties.js';
import type { TokenCursor } from './TokenCursor.js';

/** The ALTER TABLE forms ossduck reads, after the table name, as the usage its errors quote. */
const FORMS = 'ALTER TABLE <table> REFRESH METADATA | RENAME TO <name> | SET TBLPROPERTIES (...) | UNSET TBLPROPERTIES [IF EXISTS] (...) | SET COMMENT ...';

/**
 * The table name, or undefined when the statement does not start with a name
 * ossduck reads (DuckDB's `IF EXISTS`, a "quoted" part, more than three parts):
 * such a statement stays DuckDB's.
 */
function tableName(cursor: TokenCursor): QualifiedName | undefined {
  if (cursor.isWord('IF') && cursor.isWord('EXISTS', 1)) return undefined;
  const isPart = (offset: number): boolean => {
    const t = cursor.peek(offset);
    return t !== undefined && (t.kind === 'word' || (t.kind === 'quoted' && !t.text.startsWith('"')));
  };
  let parts = 0;
  for (let i = 0; ; i += 2) {
    if (!isPart(i)) return undefined;
    parts++;
    const dot = cursor.peek(i + 1);
    if (dot?.kind !== 'symbol' || dot.text !== '.') break;
  }
  return parts > 3 ? undefined : cursor.qualifiedName('a table name', 3);
}

/**
 * The rest of `ALTER TABLE <table> REFRESH METADATA`, `RENAME TO <name>`,
 * `SET TBLPROPERTIES ('k'='v', ...)`, `UNSET TBLPROPERTIES [IF EXISTS]
 * ('k', ...)` or `SET COMMENT '<text>'`; every other ALTER TABLE (ADD
 * COLUMN, RENAME COLUMN, ...) stays DuckDB's (undefined).
 */
export function parseAlterTable(cursor: TokenCursor): DialectStatement | undefined {
  if (cursor.endsWithWords('REFRESH', 'METADATA')) {
    const name = cursor.qualifiedName('a table name', 3);
    cursor.expectWord('REFRESH', 'after the table name');
    cursor.expectWord('METADATA', 'after REFRESH');
    cursor.expectEnd('ALTER TABLE <table> REFRESH METADATA');
    return { kind: 'refreshMetadata', name };
  }
  const name = tableName(cursor);
  if (!name) return undefined;
  let statement: DialectStatement;
  if (cursor.acceptWords('RENAME', 'TO')) {
    statement = { kind: 'renameTable', name, to: cursor.qualifiedName('the new table name', 3) };
  } else if (cursor.acceptWords('SET', 'TBLPROPERTIES')) {
    statement = { kind: 'setTableProperties', name, properties: parseProperties(cursor, 'TBLPROPERTIES', true) };
  } else if (cursor.acceptWords('UNSET', 'TBLPROPERTIES')) {
    const ifExists = cursor.acceptWords('IF', 'EXISTS');
    statement = { kind: 'unsetTableProperties', name, keys: parsePropertyKeys(cursor, 'UNSET TBLPROPERTIES'), ifExists };
  } else if (cursor.acceptWords('SET', 'COMMENT')) {
    statement = { kind: 'setTableComment', name, comment: cursor.string('the table comment').value };
  } else if (cursor.isWord('UNSET')) {
    throw cursor.error(`expected UNSET TBLPROPERTIES; ossduck reads ${FORMS}`);
  } else {
    return undefined;
  }
  cursor.expectEnd(FORMS);
  return statement;
}
