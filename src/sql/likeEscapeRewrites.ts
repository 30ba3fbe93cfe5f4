import { keywordOf, significantTokens, stringValue } from './Lexer.js';
import type { Token } from './Lexer.js';

/** What may follow a LIKE pattern that is a whole operand: the end, a closing or separating symbol, or a keyword. */
const ENDS_OPERAND = new Set([')', ',', ';']);
/** Words that would make the literal part of a longer pattern clause. */
const CONTINUES_PATTERN = new Set(['ESCAPE', 'COLLATE']);

/**
 * MaxCompute's LIKE reads a backslash before `%` or `_` as an escape: the
 * pattern `'ab\\_c%'` (the value `ab\_c%`) matches `ab_cde` only, and
 * `'100\\%'` matches `100%`. Any other backslash is an ordinary character.
 * DuckDB's LIKE has no escape character unless ESCAPE names one.
 *
 * For each pattern that is one string literal directly after LIKE (or NOT
 * LIKE) and holds `\%` or `\_`, with no ESCAPE clause of its own: the
 * pattern's value for DuckDB to read with `ESCAPE '\'` (toDuckSql adds the
 * clause), every other backslash doubled so it stays ordinary. Patterns
 * that are expressions or columns are left as they are (docs/differences.md).
 */
export function likeEscapeRewrites(tokens: readonly Token[]): Map<Token, string> {
  const rewrites = new Map<Token, string>();
  const words = significantTokens(tokens);
  for (let i = 1; i < words.length; i++) {
    const pattern = words[i]!;
    if (pattern.kind !== 'string' || keywordOf(words[i - 1]) !== 'LIKE') continue;
    const value = stringValue(pattern);
    if (!/\\[%_]/.test(value)) continue;
    const next = words[i + 1];
    const whole = next === undefined || ENDS_OPERAND.has(next.text) || (next.kind === 'word' && !CONTINUES_PATTERN.has(keywordOf(next)));
    if (!whole) continue;
    rewrites.set(pattern, value.replace(/\\(?![%_])/g, '\\\\'));
  }
  return rewrites;
}
