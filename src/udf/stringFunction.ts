import { BLOB, VARCHAR } from '@duckdb/node-api';
import type { DuckDBBlobValue } from '@duckdb/node-api';
import { bindOnce } from './bindOnce.js';
import type { FunctionFamily } from './FunctionFamily.js';
import { scalarFunction } from './scalarFunction.js';
import type { FunctionErrors } from './FunctionContext.js';
import { BINARY_CAST } from '../sql/castRewrites.js';

const UTF8_LOSSY = '__ossduck_utf8_lossy';

/**
 * Bytes as UTF-8 text, each ill-formed sequence replaced by U+FFFD (the
 * WHATWG decoder; Java's `new String(bytes, UTF_8)` does much the same); a BOM is kept.
 */
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * `STRING(x)`: MaxCompute's cast to STRING.
 *
 * For BINARY (DuckDB BLOB, what GET_DATA_FROM_OSS returns) it reads the
 * bytes as UTF-8 text. MaxCompute's STRING holds any bytes, so its
 * STRING(binary) never fails on ill-formed UTF-8 (SAFE_CONVERT_BYTES_TO_STRING
 * is the variant that checks, giving NULL). A DuckDB VARCHAR must be valid
 * UTF-8, so ossduck replaces each ill-formed sequence with U+FFFD rather than
 * failing the statement: well-formed text comes through byte for byte, and
 * a script that runs on MaxCompute runs here. The decoding is JavaScript's:
 * DuckDB's own `try(decode(x))` would be faster, but TRY refuses volatile
 * arguments such as GET_DATA_FROM_OSS(...), the call STRING() exists for.
 *
 * A DATETIME prints as DuckDB prints a TIMESTAMP ('2025-01-01 10:00:00',
 * fractions only when non-zero); a TIMESTAMP WITH TIME ZONE prints as its
 * wall time in the session zone, without DuckDB's offset suffix; everything
 * else as DuckDB's CAST to VARCHAR.
 * STRING(NULL) is NULL.
 */
export function stringFunction(errors: FunctionErrors): FunctionFamily {
  const lossy = scalarFunction(errors, {
    name: UTF8_LOSSY,
    returnType: VARCHAR,
    parameterTypes: [BLOB],
    main: (chunk, output) => {
      const bytes = chunk.getColumnVector(0);
      for (let row = 0; row < chunk.rowCount; row++) {
        const value = bytes.getItem(row) as DuckDBBlobValue | null;
        output.setItem(row, value === null ? null : decoder.decode(value.bytes));
      }
      output.flush();
    },
  });
  return {
    functions: [lossy],
    macros: [
      // Only BLOB has a typed overload: with more, a bare NULL literal would
      // match several and DuckDB would refuse the call as ambiguous.
      `CREATE OR REPLACE TEMP MACRO __ossduck_typed_string
        (x BLOB) AS ${UTF8_LOSSY}(x),
        (x) AS CASE WHEN typeof(x) = 'TIMESTAMP WITH TIME ZONE'
          THEN system.main.regexp_replace(CAST(x AS VARCHAR), '[+-]\\d{2}(:\\d{2}){0,2}$', '')
          ELSE CAST(x AS VARCHAR) END`,
      // STRING itself binds its argument once, so nesting it costs linearly.
      bindOnce('string', '__ossduck_typed_string', [{ parameters: ['x'] }]),
      // CAST(x AS BINARY), as MaxCompute casts: a STRING's UTF-8 bytes as they
      // are (DuckDB's cast reads '\\x41' as one byte and refuses non-ASCII text).
      `CREATE OR REPLACE TEMP MACRO __ossduck_typed_binary (x BLOB) AS x, (x) AS encode(CAST(x AS VARCHAR))`,
      bindOnce(BINARY_CAST, '__ossduck_typed_binary', [{ parameters: ['x'] }]),
    ],
  };
}
