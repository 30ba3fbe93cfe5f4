import { DuckDBTypeId, JsonDuckDBValueConverter } from '@duckdb/node-api';
import type { DuckDBType, DuckDBValue, Json } from '@duckdb/node-api';
import { DateTime } from 'luxon';

/** `2026-11-23 20:00:00+08` (micro-seconds shown when present): an instant in the session zone. */
export function formatInstant(micros: bigint, timezone: string): string {
  const millis = Number(micros / 1000n);
  const t = DateTime.fromMillis(millis, { zone: timezone });
  const fraction = Number(((micros % 1_000_000n) + 1_000_000n) % 1_000_000n);
  const base = t.toFormat('yyyy-LL-dd HH:mm:ss');
  const frac = fraction === 0 ? '' : `.${String(fraction).padStart(6, '0').replace(/0+$/, '')}`;
  const offset = t.toFormat('ZZ').replace(/:00$/, '');
  return `${base}${frac}${offset}`;
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
      return JsonDuckDBValueConverter(value, type, JsonDuckDBValueConverter);
  }
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
      return String(value);
  }
}
