import { keywordOf, significantTokens } from './Lexer.js';
import type { Token } from './Lexer.js';

/**
 * MaxCompute aggregates whose DuckDB namesakes compute something else, and
 * the DuckDB function that computes MaxCompute's: STDDEV and VARIANCE are
 * the population statistics on MaxCompute ("Calculates the population
 * standard deviation"; VARIANCE is VAR_POP), the sample ones in DuckDB.
 */
export const AGGREGATE_RENAMES: Readonly<Record<string, string>> = {
  STDDEV: 'stddev_pop',
  VARIANCE: 'var_pop',
};

/** Words after which a name is being defined, not called. */
const DEFINING = new Set(['MACRO', 'FUNCTION']);

/**
 * The calls of AGGREGATE_RENAMES's functions, as aggregates or over a
 * window, with the name DuckDB gets for each: an unquoted name followed by
 * `(`, not qualified (`t.stddev(`) and not being defined (`CREATE MACRO
 * variance(`).
 */
export function aggregateNameRewrites(tokens: readonly Token[]): Map<Token, string> {
  const rewrites = new Map<Token, string>();
  const words = significantTokens(tokens);
  for (let i = 0; i + 1 < words.length; i++) {
    const renamed = AGGREGATE_RENAMES[keywordOf(words[i])];
    if (renamed === undefined || words[i + 1]!.text !== '(') continue;
    const before = words[i - 1];
    if (before?.text === '.' || DEFINING.has(keywordOf(before))) continue;
    rewrites.set(words[i]!, renamed);
  }
  return rewrites;
}
