import { keywordOf, significantTokens } from './Lexer.js';
import type { Token } from './Lexer.js';
import { enclosed } from './enclosed.js';

/** The macros (src/udf/collectFunctions.ts) the rewritten calls use. */
export const WM_CONCAT_DISTINCT = '__ossduck_wm_concat_distinct';
export const WM_CONCAT_ORDERED = '__ossduck_wm_concat_ordered';

/** Words after which a name is being defined, not called. */
const DEFINING = new Set(['MACRO', 'FUNCTION']);

/**
 * MaxCompute's aggregate forms DuckDB refuses on a macro (it allows
 * DISTINCT and ORDER BY only in its own aggregates):
 * - `WM_CONCAT(DISTINCT sep, x)` calls WM_CONCAT_DISTINCT(sep, x), a macro
 *   over `string_agg(DISTINCT ...)`;
 * - `WM_CONCAT([DISTINCT] sep, x) WITHIN GROUP (ORDER BY ...)` becomes
 *   WM_CONCAT_ORDERED(sep, list([DISTINCT] x ORDER BY ...)), which joins the
 *   list's values with sep;
 * - `COLLECT_LIST(DISTINCT x)` is COLLECT_SET(x).
 * Qualified and defined names are left alone.
 */
export function wmConcatRewrites(tokens: readonly Token[]): Map<Token, string> {
  const rewrites = new Map<Token, string>();
  const words = significantTokens(tokens);
  for (let i = 0; i + 2 < words.length; i++) {
    const name = keywordOf(words[i]);
    if ((name !== 'WM_CONCAT' && name !== 'COLLECT_LIST') || words[i + 1]!.text !== '(') continue;
    const before = words[i - 1];
    if (before?.text === '.' || DEFINING.has(keywordOf(before))) continue;
    const distinct = keywordOf(words[i + 2]) === 'DISTINCT';
    if (name === 'COLLECT_LIST') {
      if (!distinct) continue;
      rewrites.set(words[i]!, 'collect_set');
      rewrites.set(words[i + 2]!, '');
      continue;
    }
    const call = enclosed(words, i + 1);
    const comma = call?.commas[0];
    if (call === undefined || comma === undefined) continue;
    const [within, group, open] = [words[call.close + 1], words[call.close + 2], words[call.close + 3]];
    const ordered = keywordOf(within) === 'WITHIN' && keywordOf(group) === 'GROUP' && open?.text === '(';
    const orderClose = ordered ? enclosed(words, call.close + 3)?.close : undefined;
    if (ordered && orderClose !== undefined) {
      rewrites.set(words[i]!, WM_CONCAT_ORDERED);
      if (distinct) rewrites.set(words[i + 2]!, '');
      rewrites.set(words[comma]!, `, list(${distinct ? 'DISTINCT ' : ''}`);
      for (const t of [words[call.close]!, within!, group!, open!]) rewrites.set(t, '');
      rewrites.set(words[orderClose]!, '))');
    } else if (distinct) {
      rewrites.set(words[i]!, WM_CONCAT_DISTINCT);
      rewrites.set(words[i + 2]!, '');
    }
  }
  return rewrites;
}
