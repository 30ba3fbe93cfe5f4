import { identifierValue, keywordOf, significantTokens, stringValue } from './Lexer.js';
import type { Token } from './Lexer.js';
import { quoteIdentifier, quoteLiteral } from './quoteIdentifier.js';

/** The comments of MaxCompute's `CREATE TABLE t (c TYPE COMMENT '...', ...) COMMENT '...'`. */
export interface TableComments {
  /** The tokens of each `COMMENT '...'` clause: DuckDB's CREATE TABLE has none. */
  readonly drops: ReadonlyMap<Token, string>;
  /** DuckDB's `COMMENT ON ...` statements that keep them, to run once the table is made. */
  readonly statements: readonly string[];
}

const isName = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
const name = (t: Token): string => quoteIdentifier(identifierValue(t));

/**
 * The COMMENT clauses of a `CREATE TABLE` with a column list, each column's
 * and the table's, as MaxCompute writes them; undefined for any other
 * statement or one without comments. DuckDB keeps them with `COMMENT ON
 * COLUMN` and `COMMENT ON TABLE`, run after the CREATE.
 */
export function createTableComments(tokens: readonly Token[]): TableComments | undefined {
  const words = significantTokens(tokens);
  if (keywordOf(words[0]) !== 'CREATE') return undefined;
  let i = 1;
  while (['OR', 'REPLACE', 'TEMP', 'TEMPORARY', 'EXTERNAL'].includes(keywordOf(words[i]))) i++;
  if (keywordOf(words[i]) !== 'TABLE') return undefined;
  i++;
  if (keywordOf(words[i]) === 'IF' && keywordOf(words[i + 1]) === 'NOT' && keywordOf(words[i + 2]) === 'EXISTS') i += 3;
  if (!isName(words[i])) return undefined;
  const table = [name(words[i]!)];
  while (words[i + 1]?.text === '.' && isName(words[i + 2])) {
    table.push(name(words[i + 2]!));
    i += 2;
  }
  if (words[i + 1]?.text !== '(') return undefined;
  const drops = new Map<Token, string>();
  const statements: string[] = [];
  const target = table.join('.');
  let depth = 0;
  let column: Token | undefined;
  for (let j = i + 1; j < words.length; j++) {
    const t = words[j]!;
    if (t.text === '(') {
      depth++;
      if (depth === 1) column = words[j + 1];
      continue;
    }
    if (t.text === ')') depth--;
    else if (t.text === ',' && depth === 1) column = words[j + 1];
    else if (keywordOf(t) === 'COMMENT' && words[j + 1]?.kind === 'string' && (depth === 0 || depth === 1)) {
      drops.set(t, '');
      drops.set(words[j + 1]!, '');
      const text = quoteLiteral(stringValue(words[j + 1]!));
      if (depth === 1 && isName(column)) statements.push(`COMMENT ON COLUMN ${target}.${name(column!)} IS ${text}`);
      else if (depth === 0) statements.push(`COMMENT ON TABLE ${target} IS ${text}`);
    }
  }
  return statements.length === 0 ? undefined : { drops, statements };
}
