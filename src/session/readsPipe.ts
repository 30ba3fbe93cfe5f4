import { statSync } from 'node:fs';
import { stringValue } from '../sql/Lexer.js';
import type { ScriptStatement } from '../sql/splitStatements.js';

/**
 * Whether `statement` names, in a string, a file that can be read only once:
 * a pipe (`/dev/stdin` of `cat data.csv | ossduck -c ...`, a FIFO) or a
 * character device. DuckDB reads such a file when it binds a statement it
 * prepares or streams, and again when it runs it, which then finds it empty
 * (`read_csv('/dev/stdin')` gave 0 rows); the statement must run in one go.
 */
export function readsPipe(statement: ScriptStatement): boolean {
  for (const token of statement.tokens) {
    if (token.kind !== 'string') continue;
    const path = stringValue(token);
    if (!path.startsWith('/') || path.length > 4096) continue;
    try {
      const stats = statSync(path);
      if (stats.isFIFO() || stats.isCharacterDevice() || stats.isSocket()) return true;
    } catch {
      // Not a file: a string like any other.
    }
  }
  return false;
}
