import type { Token } from './Lexer.js';

const word = (t: Token | undefined): string => (t?.kind === 'word' ? t.text.toUpperCase() : '');

/**
 * `CAST(x AS STRING)` as `STRING(x)`: the text MaxCompute gives for each
 * type, where DuckDB's cast differs: a TIMESTAMP (an instant) as its wall
 * time in `odps.sql.timezone` with no offset written (DuckDB appends `+08`),
 * a BINARY as its bytes read as UTF-8. Every other type's text is DuckDB's
 * cast, as STRING() gives it. Returns the tokens to replace: `CAST` becomes
 * `STRING`, and the `AS STRING` before the closing parenthesis goes.
 */
export function castRewrites(tokens: readonly Token[]): Map<Token, string> {
  const rewrites = new Map<Token, string>();
  const words = tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  for (let i = 0; i + 1 < words.length; i++) {
    if (word(words[i]) !== 'CAST' || words[i + 1]!.text !== '(') continue;
    let depth = 0;
    for (let j = i + 1; j < words.length; j++) {
      const text = words[j]!.text;
      if (text === '(') depth++;
      else if (text === ')' && --depth === 0) {
        if (j - 2 > i + 2 && word(words[j - 1]) === 'STRING' && word(words[j - 2]) === 'AS') {
          rewrites.set(words[i]!, 'STRING');
          rewrites.set(words[j - 2]!, '');
          rewrites.set(words[j - 1]!, '');
        }
        break;
      }
    }
  }
  return rewrites;
}
