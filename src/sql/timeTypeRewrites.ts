import { significantTokens } from './Lexer.js';
import type { Token } from './Lexer.js';

/**
 * MaxCompute's time types as DuckDB names them. MaxCompute's TIMESTAMP is an
 * instant (an offset from the epoch), read and shown in `odps.sql.timezone`:
 * DuckDB's TIMESTAMPTZ, whose TimeZone ossduck keeps equal to that setting.
 * TIMESTAMP_NTZ is a wall time with no zone: DuckDB's TIMESTAMP. DATETIME is
 * DuckDB's own alias of TIMESTAMP and needs no rewriting.
 */
const DUCK_TYPE: Readonly<Record<string, string>> = { TIMESTAMP: 'TIMESTAMPTZ', TIMESTAMP_NTZ: 'TIMESTAMP' };

/** Words that may follow a column's type in a column definition. */
const AFTER_COLUMN_TYPE = new Set([',', ')', 'NOT', 'NULL', 'COMMENT', 'DEFAULT', 'PRIMARY', 'UNIQUE', 'CHECK']);
/** Words after which an open parenthesis starts a cast: `CAST(x AS TIMESTAMP)`. */
const CASTS = new Set(['CAST', 'TRY_CAST']);
/** Statements whose column lists define types: `CREATE TABLE t (ts TIMESTAMP)`, `ALTER TABLE t ADD COLUMNS (...)`. */
const DEFINING = new Set(['CREATE', 'ALTER']);

const upper = (t: Token | undefined): string => (t === undefined ? '' : t.kind === 'word' || t.kind === 'symbol' ? t.text.toUpperCase() : '');

/**
 * The tokens of a statement that name MaxCompute's TIMESTAMP or
 * TIMESTAMP_NTZ as a type, with the DuckDB type each becomes: a typed literal
 * (`TIMESTAMP '2024-01-01 00:00:00'`), a cast's target (`CAST(x AS
 * TIMESTAMP)`, `x::TIMESTAMP`) and a column's type in CREATE or ALTER
 * (`(ts TIMESTAMP, ...)`). The same word as a name (`SELECT 1 AS timestamp`)
 * is left alone.
 */
export function timeTypeRewrites(tokens: readonly Token[]): Map<Token, string> {
  const rewrites = new Map<Token, string>();
  if (!tokens.some((t) => t.kind === 'word' && DUCK_TYPE[t.text.toUpperCase()] !== undefined)) return rewrites;
  const words = significantTokens(tokens);
  const defining = DEFINING.has(upper(words[0]));
  /** For each open parenthesis, whether it opened a cast. */
  const parens: boolean[] = [];
  for (let i = 0; i < words.length; i++) {
    const t = words[i]!;
    if (t.text === '(') parens.push(CASTS.has(upper(words[i - 1])));
    else if (t.text === ')') parens.pop();
    const duck = t.kind === 'word' ? DUCK_TYPE[t.text.toUpperCase()] : undefined;
    if (duck === undefined) continue;
    const before = words[i - 1];
    const next = words[i + 1];
    const literal = next?.kind === 'string';
    const colonCast = before?.text === ':' && words[i - 2]?.text === ':' && before.start === words[i - 2]!.end;
    const castTarget = upper(before) === 'AS' && parens.at(-1) === true;
    const columnType =
      defining &&
      parens.length > 0 &&
      (before?.kind === 'word' || before?.kind === 'quoted') &&
      (words[i - 2]?.text === '(' || words[i - 2]?.text === ',') &&
      (next === undefined || AFTER_COLUMN_TYPE.has(upper(next)));
    if (literal || colonCast || castTarget || columnType) rewrites.set(t, duck);
  }
  return rewrites;
}
