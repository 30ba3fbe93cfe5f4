import { DuckDBTypeId, JsonDuckDBValueConverter } from '@duckdb/node-api';
import type { DuckDBBlobValue, DuckDBType, DuckDBValue } from '@duckdb/node-api';

/** A value of a row as the library hands it out. */
export type RowValue = null | boolean | number | bigint | string | Date | Uint8Array | RowValue[] | { [key: string]: RowValue };

/**
 * A DuckDB value as a plain JavaScript value: integers as numbers where exact
 * (bigint beyond), decimals and floats as numbers, BLOB (what
 * GET_DATA_FROM_OSS returns) as bytes, TIMESTAMP WITH TIME ZONE
 * (MaxCompute's TIMESTAMP: an instant) as a Date, TIMESTAMP (MaxCompute's
 * DATETIME and TIMESTAMP_NTZ: wall times) and DATE as text, nested types as
 * arrays and objects.
 */
export function jsValue(value: DuckDBValue, type: DuckDBType): RowValue {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return value as boolean;
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return value as number;
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT: {
      const big = value as bigint;
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
    case DuckDBTypeId.DECIMAL:
      return Number(String(value));
    case DuckDBTypeId.BLOB:
      return (value as DuckDBBlobValue).bytes;
    case DuckDBTypeId.TIMESTAMP_TZ:
      return new Date(Number((value as { micros: bigint }).micros / 1000n));
    case DuckDBTypeId.VARCHAR:
      return value as string;
    default:
      return JsonDuckDBValueConverter(value, type, JsonDuckDBValueConverter) as RowValue;
  }
}
