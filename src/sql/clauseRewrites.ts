import { keywordOf, significantTokens } from './Lexer.js';
import type { Token } from './Lexer.js';
import { createTableComments } from './createTableComments.js';
import { insertAt } from './insertOverwrite.js';


/**
 * MaxCompute clauses DuckDB has no spelling for, as the tokens to drop:
 * - `INSERT INTO TABLE t ...`: MaxCompute's optional TABLE word (DuckDB
 *   reads `INSERT INTO t`);
 * - `INSERT OVERWRITE [TABLE] t ...` becomes `INSERT INTO t ...`, which the
 *   session runs after deleting t's rows, in one transaction;
 * - `COMMENT '...'` of a `CREATE TABLE`'s columns and of the table, which
 *   the session keeps with `COMMENT ON` once the table is made;
 * - `LIFECYCLE n` of `CREATE TABLE`: the days MaxCompute keeps a table's
 *   data after its last change. ossduck's warehouse keeps tables until they
 *   are dropped, so the clause is accepted and has no effect.
 */
export function clauseRewrites(tokens: readonly Token[]): Map<Token, string> {
  const drops = new Map<Token, string>();
  const words = significantTokens(tokens);
  const first = keywordOf(words[0]);
  // The INSERT, first or after a WITH clause.
  const at = insertAt(words);
  if (at >= 0 && keywordOf(words[at + 1]) === 'INTO' && keywordOf(words[at + 2]) === 'TABLE' && words[at + 3] !== undefined && words[at + 3]!.text !== '(') {
    drops.set(words[at + 2]!, '');
  }
  // INSERT OVERWRITE [TABLE] t: DuckDB runs INSERT INTO t, after the session has deleted t's rows (insertOverwrite.ts).
  if (at >= 0 && keywordOf(words[at + 1]) === 'OVERWRITE') {
    drops.set(words[at + 1]!, 'INTO');
    if (keywordOf(words[at + 2]) === 'TABLE') drops.set(words[at + 2]!, '');
  }
  // COMMENT '...' of a CREATE TABLE's columns and table: kept by COMMENT ON statements after it (createTableComments.ts).
  for (const [token, text] of createTableComments(tokens)?.drops ?? []) drops.set(token, text);
  if (first === 'CREATE') {
    let depth = 0;
    for (let i = 0; i < words.length; i++) {
      const t = words[i]!;
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      else if (depth === 0 && keywordOf(t) === 'LIFECYCLE' && words[i + 1]?.kind === 'number' && /^[0-9]+$/.test(words[i + 1]!.text)) {
        drops.set(t, '');
        drops.set(words[i + 1]!, '');
      }
    }
  }
  return drops;
}
