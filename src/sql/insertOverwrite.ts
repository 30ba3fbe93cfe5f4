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

/** Whether a statement is MaxCompute's `[WITH ...] INSERT OVERWRITE [TABLE] t ...`. */
export function isInsertOverwrite(tokens: readonly Token[]): boolean {
  const words = significantTokens(tokens);
  const at = insertAt(words);
  return at >= 0 && keywordOf(words[at + 1]) === 'OVERWRITE';
}

/**
 * The table `[WITH ...] INSERT OVERWRITE [TABLE] t ...` replaces the rows of, as its
 * tokens' text (`p.s.t`, quoting as written, for DuckDB after `toDuckSql`
 * has turned backticks into double quotes: the caller passes the same
 * quoting function); undefined for any other statement. A PARTITION clause
 * is refused: ossduck's tables have no partitions.
 */
export function overwrittenTable(statement: ScriptStatement, quoted: (token: Token) => string): string | undefined {
  const words = significantTokens(statement.tokens);
  if (!isInsertOverwrite(words)) return undefined;
  const at = insertAt(words);
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
  return parts.join('.');
}

/**
 * Whether `[WITH ...] INSERT OVERWRITE [TABLE] t <query>` may read t: a name
 * in the WITH clause or the query spells t's own name (its last part, in any
 * case). Such a statement must keep t's rows until its query has run.
 */
export function readsOverwrittenTable(statement: ScriptStatement): boolean {
  const words = significantTokens(statement.tokens);
  if (!isInsertOverwrite(words)) return false;
  const at = insertAt(words);
  let i = keywordOf(words[at + 2]) === 'TABLE' ? at + 3 : at + 2;
  while (words[i + 1]?.text === '.' && isName(words[i + 2])) i += 2;
  const name = words[i];
  if (!isName(name)) return false;
  const target = identifierValue(name!).toLowerCase();
  return [...words.slice(0, at), ...words.slice(i + 1)].some((t) => isName(t) && identifierValue(t).toLowerCase() === target);
}
