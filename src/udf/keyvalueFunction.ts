import { bindOnce } from './bindOnce.js';
import type { FunctionFamily } from './FunctionFamily.js';

/**
 * SQL of the value of key `k` in `s`: `s` split into pairs at each `pairs`
 * (plain text), a pair into key and value at its first `parts`; the value
 * of the first pair whose key is `k`, NULL when none is or any argument is
 * NULL. A pair without `parts` has no key.
 */
function valueOf(s: string, pairs: string, parts: string, k: string): string {
  const at = `system.main.strpos(__ossduck_pair, ${parts})`;
  const value = `CASE WHEN ${at} > 0 AND system.main.substr(__ossduck_pair, 1, ${at} - 1) = CAST(${k} AS VARCHAR)
      THEN system.main.substr(__ossduck_pair, ${at} + system.main.length(${parts})) END`;
  return `CASE WHEN ${s} IS NULL OR ${pairs} IS NULL OR ${parts} IS NULL OR ${k} IS NULL THEN CAST(NULL AS VARCHAR) ELSE
    list_filter(list_transform(system.main.string_split(CAST(${s} AS VARCHAR), ${pairs}), lambda __ossduck_pair: ${value}),
      lambda __ossduck_value: __ossduck_value IS NOT NULL)[1] END`;
}

/**
 * MaxCompute's KEYVALUE(str, [split1, split2,] key): the value of key in a
 * string of pairs, split1 `;` and split2 `:` when not given. Any NULL
 * argument, or no pair with that key, gives NULL; the first pair with the
 * key wins. The key may be a number (`KEYVALUE(s, 1)`), read as its text.
 */
export function keyvalueFunction(): FunctionFamily {
  return {
    functions: [],
    macros: [
      `CREATE OR REPLACE TEMP MACRO __ossduck_keyvalue
        (s, k) AS ${valueOf('s', "';'", "':'", 'k')},
        (s, split1, split2, k) AS ${valueOf('s', 'split1', 'split2', 'k')}`,
      bindOnce('keyvalue', '__ossduck_keyvalue', [{ parameters: ['s', 'k'] }, { parameters: ['s', 'split1', 'split2', 'k'] }]),
    ],
  };
}
