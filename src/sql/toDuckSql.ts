import { quoteIdentifier, quoteLiteral } from './quoteIdentifier.js';
import type { SourcePosition } from '../OssduckError.js';
import { identifierValue, stringValue } from './Lexer.js';
import type { Token } from './Lexer.js';
import type { ScriptStatement } from './splitStatements.js';
import { SqlError } from './SqlError.js';
import { timeTypeRewrites } from './timeTypeRewrites.js';
import { clauseRewrites } from './clauseRewrites.js';
import { castRewrites } from './castRewrites.js';
import { likeEscapeRewrites } from './likeEscapeRewrites.js';
import { aggregateNameRewrites } from './aggregateNameRewrites.js';

const NUL = '\u0000';

function needsRewrite(t: Token): boolean {
  if (t.text.includes(NUL)) return true;
  return (t.kind === 'string' && t.text.includes('\\')) || (t.kind === 'quoted' && t.text.startsWith('`'));
}

/**
 * A DuckDB expression for a string value. DuckDB reads SQL text only up to a
 * NUL character (U+0000), so a value holding one is spelled as literals
 * joined by `chr(0)`, which DuckDB's VARCHAR holds as it is.
 */
function duckString(value: string): string {
  if (!value.includes(NUL)) return quoteLiteral(value);
  return `(${value.split(NUL).map(quoteLiteral).join(' || chr(0) || ')})`;
}

/**
 * The text DuckDB runs for a statement ossduck does not handle itself: the
 * user's text, except for spellings DuckDB reads differently. A string
 * literal with backslash escapes (`'it\'s'`, `'a\\b'`, `'\n'`, `'\0'`)
 * becomes the DuckDB literal of the same value, and a backtick-quoted
 * identifier (`` `key` ``) becomes a double-quoted one. MaxCompute's
 * TIMESTAMP and TIMESTAMP_NTZ, where they name a type, become DuckDB's
 * TIMESTAMPTZ and TIMESTAMP (`timeTypeRewrites`), and MaxCompute clauses
 * DuckDB has no spelling for are dropped (`clauseRewrites`); `CAST(x AS
 * STRING)` gives MaxCompute's text (`castRewrites`). A LIKE pattern literal
 * with `\%` or `\_` gets `ESCAPE '\'`, as MaxCompute escapes those
 * (`likeEscapeRewrites`), and `STDDEV(` and `VARIANCE(` call DuckDB's
 * population statistics, as MaxCompute's do (`aggregateNameRewrites`).
 *
 * DuckDB stops reading at a NUL character, which would silently cut the
 * statement short (`SELECT 1<NUL> + 1` would answer 1). So a NUL in a string
 * (written raw or as `\0`) becomes `chr(0)`, one in a comment a space, and
 * one anywhere else is a parse error at its position (`positionAt` maps
 * script offsets to lines and columns; without it the statement's start is
 * named).
 */
export function toDuckSql(statement: ScriptStatement, positionAt?: (offset: number) => SourcePosition): string {
  const types = new Map([
    ...timeTypeRewrites(statement.tokens),
    ...clauseRewrites(statement.tokens),
    ...castRewrites(statement.tokens),
    ...aggregateNameRewrites(statement.tokens),
  ]);
  if (types.size === 0 && !statement.tokens.some(needsRewrite)) return statement.text;
  const likes = likeEscapeRewrites(statement.tokens);
  return statement.tokens
    .map((t) => {
      const type = types.get(t);
      if (type !== undefined) return type;
      const like = likes.get(t);
      if (like !== undefined) return `${duckString(like)} ESCAPE '\\'`;
      if (t.kind === 'string' && (t.text.includes('\\') || t.text.includes(NUL))) return duckString(stringValue(t));
      if (t.kind === 'comment') return t.text.replaceAll(NUL, ' ');
      if (t.text.includes(NUL)) {
        const at = t.start + t.text.indexOf(NUL);
        throw SqlError.parse(
          'a NUL character (U+0000) can only appear inside a string literal; write it as \'\\0\'',
          positionAt ? positionAt(at) : statement.position,
        );
      }
      if (t.kind === 'quoted' && t.text.startsWith('`')) return quoteIdentifier(identifierValue(t));
      return t.text;
    })
    .join('');
}
