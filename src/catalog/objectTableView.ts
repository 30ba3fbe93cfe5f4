import { identifierValue, tokenize } from '../sql/Lexer.js';
import type { Token } from '../sql/Lexer.js';
import { quoteIdentifier } from '../sql/quoteIdentifier.js';

/** The schema of each project database that holds ossduck's catalog; SQL does not name it. */
export const CATALOG_SCHEMA = '__ossduck';

/** The table that holds the metadata rows of object table number `id`. */
export function storageTable(id: number): string {
  return `objects_${id}`;
}

/** `"project"."__ossduck"."objects_<id>"`. */
export function storageName(project: string, id: number): string {
  return `${quoteIdentifier(project)}.${quoteIdentifier(CATALOG_SCHEMA)}.${quoteIdentifier(storageTable(id))}`;
}

/**
 * The view an object table is: its name, schema and comment are the view's,
 * so DuckDB's own catalog says which object tables exist (a CREATE, DROP or
 * RENAME commits or rolls back with everything else), and DuckDB refuses to
 * write to it (INSERT, UPDATE, DELETE, MERGE, COPY ... FROM, CREATE INDEX,
 * ALTER TABLE), however the statement is spelled.
 */
export function objectTableViewSql(project: string, schema: string, name: string, id: number): string {
  return `CREATE VIEW ${quoteIdentifier(project)}.${quoteIdentifier(schema)}.${quoteIdentifier(name)} AS SELECT * FROM ${storageName(project, id)}`;
}

function significant(sql: string): Token[] | undefined {
  try {
    return tokenize(sql).filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  } catch {
    return undefined;
  }
}

function isWord(token: Token | undefined, word: string): boolean {
  return token !== undefined && (token.kind === 'word' || token.kind === 'quoted') && identifierValue(token).toUpperCase() === word.toUpperCase();
}

/**
 * Which object table a view of `project` is: the storage number, when the
 * view's SQL (as DuckDB keeps it) is exactly `... AS SELECT * FROM
 * project.__ossduck.objects_<n>`; undefined for any other view.
 */
export function objectTableIdOf(project: string, viewSql: string): number | undefined {
  const tokens = significant(viewSql);
  if (!tokens) return undefined;
  const as = tokens.findIndex((t) => isWord(t, 'AS'));
  if (as < 0) return undefined;
  const rest = tokens.slice(as + 1);
  while (rest.length > 0 && rest.at(-1)!.kind === 'symbol' && rest.at(-1)!.text === ';') rest.pop();
  if (rest.length !== 8) return undefined;
  const [select, star, from, db, dot1, schema, dot2, table] = rest as [Token, Token, Token, Token, Token, Token, Token, Token];
  if (!isWord(select, 'SELECT') || star.text !== '*' || !isWord(from, 'FROM') || dot1.text !== '.' || dot2.text !== '.') return undefined;
  if (identifierValue(db) !== project || identifierValue(schema) !== CATALOG_SCHEMA) return undefined;
  const match = /^objects_(\d{1,15})$/.exec(identifierValue(table));
  return match ? Number(match[1]) : undefined;
}
