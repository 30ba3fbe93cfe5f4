import { keywordOf, significantTokens } from './Lexer.js';
import type { Token } from './Lexer.js';

/** The macro `CAST(x AS BINARY)` runs as (made with MaxCompute's STRING, in udf/stringFunction.ts). */
export const BINARY_CAST = '__ossduck_binary';

/** The macros `CAST(x AS <integer type>)` runs as (made in udf/integerCastFunctions.ts), by MaxCompute's type name and DuckDB's type. */
export const INTEGER_CASTS: Readonly<Record<string, string>> = {
  BIGINT: '__ossduck_bigint',
  INT: '__ossduck_int',
  SMALLINT: '__ossduck_smallint',
  TINYINT: '__ossduck_tinyint',
};

/** The macro `CAST(x AS BOOLEAN)` runs as (made in udf/booleanCastFunction.ts). */
export const BOOLEAN_CAST = '__ossduck_boolean';

/** What each MaxCompute cast target runs as: a function of the value. */
const CAST_FUNCTIONS: Readonly<Record<string, string>> = { STRING: 'STRING', BINARY: BINARY_CAST, BOOLEAN: BOOLEAN_CAST, ...INTEGER_CASTS };


/**
 * Casts whose result in DuckDB differs from MaxCompute's, as function calls:
 * - `CAST(x AS STRING)` as `STRING(x)`: a TIMESTAMP (an instant) as its wall
 *   time in `odps.sql.timezone` with no offset written (DuckDB appends
 *   `+08`), a BINARY as its bytes read as UTF-8; every other type as DuckDB
 *   casts it;
 * - `CAST(x AS BINARY)` as `__ossduck_binary(x)`: a STRING's UTF-8 bytes as
 *   they are (DuckDB reads the text `\x41` as the one byte 0x41, and refuses
 *   text that is not ASCII);
 * - `CAST(x AS BIGINT)`, `INT`, `SMALLINT`, `TINYINT` as `__ossduck_bigint(x)`
 *   and so on: a fraction cut off (MaxCompute: CAST(1.6 AS BIGINT) = 1),
 *   where DuckDB rounds (2);
 * - `CAST(x AS BOOLEAN)` as `__ossduck_boolean(x)`: a STRING is false when
 *   empty and true otherwise (MaxCompute: CAST('false' AS BOOLEAN) is true),
 *   where DuckDB reads 'false', '0', 'no' as false and refuses other text.
 * Returns the tokens to replace: `CAST` becomes the function's name, and the
 * `AS type` before the closing parenthesis goes.
 */
export function castRewrites(tokens: readonly Token[]): Map<Token, string> {
  const rewrites = new Map<Token, string>();
  const words = significantTokens(tokens);
  for (let i = 0; i + 1 < words.length; i++) {
    if (keywordOf(words[i]) !== 'CAST' || words[i + 1]!.text !== '(') continue;
    let depth = 0;
    for (let j = i + 1; j < words.length; j++) {
      const text = words[j]!.text;
      if (text === '(') depth++;
      else if (text === ')' && --depth === 0) {
        const fn = CAST_FUNCTIONS[keywordOf(words[j - 1])];
        if (fn !== undefined && j - 2 > i + 2 && keywordOf(words[j - 2]) === 'AS') {
          rewrites.set(words[i]!, fn);
          rewrites.set(words[j - 2]!, '');
          rewrites.set(words[j - 1]!, '');
        }
        break;
      }
    }
  }
  return rewrites;
}
