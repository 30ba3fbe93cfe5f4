import {
  DuckDBArrayType,
  DuckDBArrayValue,
  DuckDBListType,
  DuckDBListValue,
  DuckDBMapType,
  DuckDBMapValue,
  DuckDBStructType,
  DuckDBStructValue,
  DuckDBTypeId,
  JsonDuckDBValueConverter,
} from '@duckdb/node-api';
import type { DuckDBType, DuckDBValue, Json } from '@duckdb/node-api';
import { DateTime } from 'luxon';

/**
 * `2026-11-23 20:00:00` (micro-seconds shown when present): an instant (a
 * TIMESTAMP) as MaxCompute shows it, the wall time in the session zone with no
 * offset written; under another `odps.sql.timezone` the same value shows
 * another wall time.
 */
export function formatInstant(micros: bigint, timezone: string): string {
  const millis = Number((micros - (((micros % 1000n) + 1000n) % 1000n)) / 1000n);
  const t = DateTime.fromMillis(millis, { zone: timezone });
  const fraction = Number(((micros % 1_000_000n) + 1_000_000n) % 1_000_000n);
  const base = t.toFormat('yyyy-LL-dd HH:mm:ss');
  return fraction === 0 ? base : `${base}.${String(fraction).padStart(6, '0').replace(/0+$/, '')}`;
}

/**
 * A value as JSON: integers as numbers where exact (else strings), decimals
 * as numbers, TIMESTAMP WITH TIME ZONE in the session zone, nested types as
 * arrays and objects.
 */
export function jsonValue(value: DuckDBValue, type: DuckDBType, timezone: string): Json {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT: {
      const big = value as bigint;
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString();
    }
    case DuckDBTypeId.DECIMAL: {
      const text = String(value);
      const n = Number(text);
      return Number.isFinite(n) && String(n) === text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') ? n : text;
    }
    case DuckDBTypeId.TIMESTAMP_TZ:
      return formatInstant((value as { micros: bigint }).micros, timezone);
    default:
      // Children come back through jsonValue, so a nested TIMESTAMPTZ is in the session zone too.
      return JsonDuckDBValueConverter(value, type, (v, t) => jsonValue(v, t, timezone));
  }
}

/**
 * A STRUCT, LIST, ARRAY or MAP as text, written as DuckDB writes it
 * (`{'name': value}`, `[a, b]`, strings in single quotes), with any
 * TIMESTAMPTZ inside in the session zone; undefined for other types.
 */
export function nestedText(value: DuckDBValue, type: DuckDBType, timezone: string): string | undefined {
  const inner = (v: DuckDBValue, t: DuckDBType): string => (typeof v === 'string' ? quoted(v) : (textValue(v, t, timezone) ?? 'NULL'));
  if (value instanceof DuckDBStructValue && type instanceof DuckDBStructType) {
    return `{${Object.keys(value.entries)
      .map((name) => `${quoted(name)}: ${inner(value.entries[name] ?? null, type.typeForEntry(name))}`)
      .join(', ')}}`;
  }
  if ((value instanceof DuckDBListValue && type instanceof DuckDBListType) || (value instanceof DuckDBArrayValue && type instanceof DuckDBArrayType)) {
    return `[${value.items.map((item) => inner(item, type.valueType)).join(', ')}]`;
  }
  if (value instanceof DuckDBMapValue && type instanceof DuckDBMapType) {
    return `{${value.entries.map(({ key, value: v }) => `${inner(key, type.keyType)}: ${inner(v, type.valueType)}`).join(', ')}}`;
  }
  return undefined;
}

/** A string as a SQL literal, as DuckDB writes one inside a nested value. */
function quoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A value as text for tables and CSV: NULL is `null` here; the caller shows it. */
export function textValue(value: DuckDBValue, type: DuckDBType, timezone: string): string | null {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
      return value as string;
    case DuckDBTypeId.TIMESTAMP_TZ:
      return formatInstant((value as { micros: bigint }).micros, timezone);
    default:
      return nestedText(value, type, timezone) ?? String(value);
  }
}
