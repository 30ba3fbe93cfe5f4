import type { CatalogDatabase } from '../catalog/CatalogDatabase.js';
import { identifierValue } from '../sql/Lexer.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quoteIdentifier.js';
import type { ScriptStatement } from '../sql/splitStatements.js';
import { SqlError } from '../sql/SqlError.js';

function refusal(name: string): SqlError {
  return SqlError.semantic(
    `${name.toUpperCase()} is a function ossduck provides; a macro or function of that name, in any case or schema, would hide it: choose another name`,
  );
}

/**
 * Refuses `CREATE [OR REPLACE] [TEMP] MACRO|FUNCTION [IF NOT EXISTS]
 * [db.][schema.]name` when `name` is one of `protectedNames` (upper case).
 */
export function refuseShadowingDefinition(statement: ScriptStatement, protectedNames: ReadonlySet<string>): void {
  const tokens = statement.tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  const word = (i: number): string => (tokens[i]?.kind === 'word' ? tokens[i]!.text.toUpperCase() : '');
  let i = 0;
  if (word(i) !== 'CREATE') return;
  i++;
  if (word(i) === 'OR' && word(i + 1) === 'REPLACE') i += 2;
  if (word(i) === 'TEMP' || word(i) === 'TEMPORARY') i++;
  if (word(i) !== 'MACRO' && word(i) !== 'FUNCTION') return;
  i++;
  if (word(i) === 'IF' && word(i + 1) === 'NOT' && word(i + 2) === 'EXISTS') i += 3;
  let name: string | undefined;
  while (tokens[i] && (tokens[i]!.kind === 'word' || tokens[i]!.kind === 'quoted')) {
    name = identifierValue(tokens[i]!);
    if (tokens[i + 1]?.kind === 'symbol' && tokens[i + 1]!.text === '.') i += 2;
    else break;
  }
  if (name !== undefined && protectedNames.has(name.toUpperCase())) throw refusal(name);
}

/**
 * Finds macros that hide one of ossduck's functions however they were made
 * (an attached database's, one made through a spelling the check before
 * missed), drops them and refuses the statement that made them.
 * `own` are the macros ossduck made itself (`temp.main.<name>`, lower case).
 */
export async function removeShadows(
  db: CatalogDatabase,
  protectedNames: ReadonlySet<string>,
  own: ReadonlySet<string>,
  projects: ReadonlySet<string>,
): Promise<void> {
  const names = [...protectedNames].map((n) => quoteLiteral(n)).join(', ');
  const rows = await db.query(
    `SELECT database_name, schema_name, function_name, function_type FROM duckdb_functions()
     WHERE NOT internal AND function_type IN ('macro', 'table_macro') AND upper(function_name) IN (${names})`,
  );
  const shadows = rows.filter(([database, schema, name]) => !own.has(`${String(database)}.${String(schema)}.${String(name).toLowerCase()}`));
  if (shadows.length === 0) return;
  for (const [database, schema, name, type] of shadows) {
    const db_ = String(database);
    if (db_ !== 'temp' && !projects.has(db_)) {
      // A database the user attached: it is not changed, it goes.
      await db.run(`DETACH DATABASE IF EXISTS ${quoteIdentifier(db_)}`);
      continue;
    }
    const kind = type === 'table_macro' ? 'MACRO TABLE' : 'MACRO';
    await db.run(`DROP ${kind} IF EXISTS ${quoteIdentifier(db_)}.${quoteIdentifier(String(schema))}.${quoteIdentifier(String(name))}`);
  }
  throw refusal(String(shadows[0]![2]));
}
