import { quoteLiteral } from '../catalog/quoteIdentifier.js';
import { stringValue } from './Lexer.js';
import type { ScriptStatement } from './splitStatements.js';

/**
 * The text DuckDB runs for a statement ossduck does not handle itself. It is
 * the user's text, except that a MaxCompute string literal with backslash
 * escapes (`'it\'s'`, `'a\\b'`, `'\n'`) is rewritten to the DuckDB literal of
 * the same value, since DuckDB reads backslashes literally.
 */
export function toDuckSql(statement: ScriptStatement): string {
  if (!statement.tokens.some((t) => t.kind === 'string' && t.text.includes('\\'))) return statement.text;
  return statement.tokens.map((t) => (t.kind === 'string' && t.text.includes('\\') ? quoteLiteral(stringValue(t)) : t.text)).join('');
}
