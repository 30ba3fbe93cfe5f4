import { identifierValue, keywordOf, significantTokens, stringValue } from './Lexer.js';
import type { Token } from './Lexer.js';
import { enclosed } from './enclosed.js';
import { quoteIdentifier, quoteLiteral } from './quoteIdentifier.js';

/** Around a pattern, what makes DuckDB's whole-string match find it anywhere: any text (line breaks too) before and after. */
const BEFORE = '(?s:.*)(?:';
const AFTER = ')(?s:.*)';

/** Words after which RLIKE names something rather than being the operator. */
const NAMING = new Set(['AS', 'TABLE', 'COLUMN']);

/** An identifier token as DuckDB spells it (a backtick-quoted one double-quoted). */
function spelled(t: Token): string {
  return t.kind === 'quoted' && t.text.startsWith('`') ? quoteIdentifier(identifierValue(t)) : t.text;
}

const isIdentifier = (t: Token | undefined): boolean => t?.kind === 'word' || t?.kind === 'quoted';

/**
 * The last token of the pattern operand starting at `first` when it is a
 * column (`p`, `t.p`), a call (`concat(a, b)`) or a parenthesized
 * expression; undefined for anything else.
 */
function operandEnd(words: readonly Token[], first: number): number | undefined {
  if (words[first]!.text === '(') return enclosed(words, first)?.close;
  if (!isIdentifier(words[first])) return undefined;
  let last = first;
  while (words[last + 1]?.text === '.' && isIdentifier(words[last + 2])) last += 2;
  return words[last + 1]?.text === '(' ? enclosed(words, last + 1)?.close : last;
}

/**
 * MaxCompute's `str RLIKE pattern` (and `NOT RLIKE`): true when the regular
 * expression matches any part of str. DuckDB has no RLIKE; its `SIMILAR
 * TO`, with the same place among the operators as LIKE, matches the whole
 * string with the same regular expression engine as its regexp functions.
 * So RLIKE becomes SIMILAR TO and the pattern is put between `(?s:.*)(?:`
 * and `)(?s:.*)`: a string literal as the literal of that value, a column
 * (`p`, `t.p`), a call or a parenthesized expression as that concatenation.
 * A `^` or `$` of the pattern still anchors at the string's start or end.
 * A pattern that is another expression (`p || 'x'` unparenthesized) is left
 * alone, and DuckDB refuses the statement at RLIKE (docs/differences.md).
 */
export function rlikeRewrites(tokens: readonly Token[]): Map<Token, string> {
  const rewrites = new Map<Token, string>();
  const words = significantTokens(tokens);
  for (let i = 1; i + 1 < words.length; i++) {
    const operator = words[i]!;
    if (keywordOf(operator) !== 'RLIKE' || words[i - 1]!.text === '.' || NAMING.has(keywordOf(words[i - 1]))) continue;
    const pattern = words[i + 1]!;
    if (pattern.kind === 'string') {
      rewrites.set(operator, 'SIMILAR TO');
      rewrites.set(pattern, quoteLiteral(`${BEFORE}${stringValue(pattern)}${AFTER}`));
      continue;
    }
    const last = operandEnd(words, i + 1);
    if (last === undefined) continue;
    rewrites.set(operator, `SIMILAR TO (${quoteLiteral(BEFORE)} ||`);
    rewrites.set(words[last]!, `${spelled(words[last]!)} || ${quoteLiteral(AFTER)})`);
  }
  return rewrites;
}
