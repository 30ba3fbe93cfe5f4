import type { FunctionFamily } from './FunctionFamily.js';

/** The lambda parameter the split parts are bound to. */
const PARTS = '__ossduck_parts';
const DELIMITER = '__ossduck_delimiter';

/**
 * MaxCompute's SPLIT(source, delimiter[, trimTailEmpty]): the delimiter is a
 * regular expression, and trailing empty strings are dropped unless
 * trimTailEmpty is false. DuckDB's `split` takes the delimiter as plain text
 * and keeps trailing empties: `split('a,b,c,,', ',')` would have five parts
 * where MaxCompute has three. The parts are bound once, in a lambda, so each
 * argument is named once.
 */
export function splitFunction(): FunctionFamily {
  const trailing = `coalesce(list_position(list_reverse(list_transform(${PARTS}, lambda p: p <> '')), true) - 1, len(${PARTS}))`;
  const trimmed = `${PARTS}[1:len(${PARTS}) - ${trailing}]`;
  /** `body` over the parts, the delimiter bound too (a NULL delimiter gives NULL, not the whole source). */
  const over = (body: string): string =>
    `list_transform([delimiter], lambda ${DELIMITER}: list_transform([regexp_split_to_array(source, ${DELIMITER})], lambda ${PARTS}: CASE WHEN ${DELIMITER} IS NULL THEN NULL ELSE ${body} END)[1])[1]`;
  return {
    functions: [],
    macros: [
      `CREATE OR REPLACE TEMP MACRO split
        (source, delimiter) AS ${over(trimmed)},
        (source, delimiter, trimTailEmpty) AS list_transform([trimTailEmpty], lambda __ossduck_trim: ${over(`CASE WHEN __ossduck_trim IS NULL THEN NULL WHEN __ossduck_trim THEN ${trimmed} ELSE ${PARTS} END`)})[1]`,
    ],
  };
}
