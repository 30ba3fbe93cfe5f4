import { quoteIdentifier, quoteLiteral } from '../catalog/quoteIdentifier.js';
import { identifierValue, stringValue } from './Lexer.js';
import type { Token } from './Lexer.js';
import type { ScriptStatement } from './splitStatements.js';

function needsRewrite(t: Token): boolean {
  return (t.kind === 'string' && t.text.includes('\\')) || (t.kind === 'quoted' && t.text.startsWith('`'));
}

/**
 * The text DuckDB runs for a statement ossduck does not handle itself: the
 * user's text, except for two MaxCompute spellings DuckDB reads differently.
 * A string literal with backslash escapes (`'it\'s'`, `'a\\b'`, `'\n'`)
 * becomes the DuckDB literal of the same value, and a backtick-quoted
 * identifier (`` `key` ``) becomes a double-quoted one.
 */
export function toDuckSql(statement: ScriptStatement): string {
  if (!statement.tokens.some(needsRewrite)) return statement.text;
  return statement.tokens
    .map((t) => {
      if (t.kind === 'string' && t.text.includes('\\')) return quoteLiteral(stringValue(t));
      if (t.kind === 'quoted' && t.text.startsWith('`')) return quoteIdentifier(identifierValue(t));
      return t.text;
    })
    .join('');
}
