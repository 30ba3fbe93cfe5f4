import { keywordOf, significantTokens } from './Lexer.js';
import type { Token } from './Lexer.js';
import { enclosed } from './enclosed.js';

/** The lambda parameter holding a row of COUNT's arguments: a name no user column is expected to have. */
const ROW = '__ossduck_row';

/** Words after which a name is being defined, not called. */
const DEFINING = new Set(['MACRO', 'FUNCTION']);

/**
 * MaxCompute's `COUNT(DISTINCT a, b, ...)`: the number of distinct tuples
 * with no NULL among them (a row where an expression is NULL is not
 * counted). DuckDB's count takes one argument, so the arguments become one
 * row, kept only when none of its fields is NULL:
 * `count(DISTINCT list_filter([row(a, b)], lambda r: <each field IS NOT
 * NULL>)[1])`. Each argument is still written once. Works as an aggregate
 * and over a window; `COUNT(DISTINCT a)` and qualified or defined names
 * (`t.count(`, `CREATE MACRO count(`) are left alone.
 */
export function countDistinctRewrites(tokens: readonly Token[]): Map<Token, string> {
  const rewrites = new Map<Token, string>();
  const words = significantTokens(tokens);
  for (let i = 0; i + 2 < words.length; i++) {
    if (keywordOf(words[i]) !== 'COUNT' || words[i + 1]!.text !== '(' || keywordOf(words[i + 2]) !== 'DISTINCT') continue;
    const before = words[i - 1];
    if (before?.text === '.' || DEFINING.has(keywordOf(before))) continue;
    const call = enclosed(words, i + 1);
    if (call === undefined || call.commas.length === 0) continue;
    const fields = Array.from({ length: call.commas.length + 1 }, (_, k) => `struct_extract_at(${ROW}, ${k + 1}) IS NOT NULL`);
    rewrites.set(words[i + 2]!, 'DISTINCT list_filter([row(');
    rewrites.set(words[call.close]!, `)], lambda ${ROW}: ${fields.join(' AND ')})[1])`);
  }
  return rewrites;
}
