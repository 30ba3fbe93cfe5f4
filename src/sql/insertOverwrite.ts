import { identifierValue, keywordOf, significantTokens } from './Lexer.js';
import type { Token } from './Lexer.js';
import { SqlError } from './SqlError.js';
import type { ScriptStatement } from './splitStatements.js';

const isName = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');

/**
 * Where the INSERT of an INSERT statement is among its significant tokens
 * `words`: first, or after MaxCompute's (and DuckDB's) leading `WITH name AS
 * (...), ...` clause; -1 for any other statement.
 */
export function insertAt(words: readonly Token[]): number {
  const first = keywordOf(words[0]);
  if (first === 'INSERT') return 0;
  if (first !== 'WITH') return -1;
  let depth = 0;
  for (let i = 1; i < words.length; i++) {
    const text = words[i]!.text;
    if (text === '(') depth++;
    else if (text === ')') depth--;
    else if (depth === 0 && keywordOf(words[i]) === 'INSERT') return i;
  }
  return -1;
}

/** What an INSERT OVERWRITE replaces, and whether its query may read it. */
export interface OverwriteTarget {
  /** The table, as its tokens' text (`p.s.t`, quoting as the caller's `quoted` writes it). */
  readonly table: string;
  /**
   * Whether a name in the WITH clause or the query spells the table's own
   * name (its last part, in any case): such a statement must keep the
   * table's rows until its query has run.
   */
  readonly readsTable: boolean;
}

/**
 * The table `[WITH ...] INSERT OVERWRITE [TABLE] t ...` replaces the rows of
 * (for DuckDB after `toDuckSql` has turned backticks into double quotes: the
 * caller passes the same quoting function), and whether its query may read
 * it; undefined for any other statement. A PARTITION clause is refused:
 * ossduck's tables have no partitions.
 */
export function overwriteTarget(statement: ScriptStatement, quoted: (token: Token) => string): OverwriteTarget | undefined {
  const words = significantTokens(statement.tokens);
  const at = insertAt(words);
  if (at < 0 || keywordOf(words[at + 1]) !== 'OVERWRITE') return undefined;
  let i = keywordOf(words[at + 2]) === 'TABLE' ? at + 3 : at + 2;
  if (!isName(words[i])) throw SqlError.parse('expected INSERT OVERWRITE TABLE <table> <query>', statement.position);
  const parts = [quoted(words[i]!)];
  while (words[i + 1]?.text === '.' && isName(words[i + 2])) {
    parts.push(quoted(words[i + 2]!));
    i += 2;
  }
  if (keywordOf(words[i + 1]) === 'PARTITION') {
    throw SqlError.semantic("INSERT OVERWRITE ... PARTITION: ossduck's tables have no partitions; overwrite the whole table, or DELETE the partition's rows and INSERT INTO", statement.position);
  }
  const name = identifierValue(words[i]!).toLowerCase();
  const readsTable = [...words.slice(0, at), ...words.slice(i + 1)].some((t) => isName(t) && identifierValue(t).toLowerCase() === name);
  return { table: parts.join('.'), readsTable };
}
