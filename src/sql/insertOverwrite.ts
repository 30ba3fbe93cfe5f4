import { keywordOf, significantTokens } from './Lexer.js';
import type { Token } from './Lexer.js';
import { SqlError } from './SqlError.js';
import type { ScriptStatement } from './splitStatements.js';

const isName = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');

/** Whether a statement is MaxCompute's `INSERT OVERWRITE [TABLE] t ...`. */
export function isInsertOverwrite(tokens: readonly Token[]): boolean {
  const words = significantTokens(tokens);
  return keywordOf(words[0]) === 'INSERT' && keywordOf(words[1]) === 'OVERWRITE';
}

/**
 * The table `INSERT OVERWRITE [TABLE] t ...` replaces the rows of, as its
 * tokens' text (`p.s.t`, quoting as written, for DuckDB after `toDuckSql`
 * has turned backticks into double quotes: the caller passes the same
 * quoting function); undefined for any other statement. A PARTITION clause
 * is refused: ossduck's tables have no partitions.
 */
export function overwrittenTable(statement: ScriptStatement, quoted: (token: Token) => string): string | undefined {
  const words = significantTokens(statement.tokens);
  if (!isInsertOverwrite(words)) return undefined;
  let i = keywordOf(words[2]) === 'TABLE' ? 3 : 2;
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
