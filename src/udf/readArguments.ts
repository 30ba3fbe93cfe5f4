import duckdb from '@duckdb/node-bindings';
import { DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBDataChunk, DuckDBVector } from '@duckdb/node-api';
import { DateTime } from 'luxon';
import { FunctionError } from './FunctionError.js';
import { readVarcharBytes } from './readVarcharBytes.js';
import type { VarcharBytes } from './readVarcharBytes.js';
import { readVarchars } from './readVarchars.js';

/** How a function reads one argument column, row by row. */
export type ArgumentReader<T> = (row: number) => T | null;

export const INTEGER_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT, DuckDBTypeId.UHUGEINT,
]);

export const TIME_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_S, DuckDBTypeId.TIMESTAMP_MS, DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.TIMESTAMP_TZ, DuckDBTypeId.DATE,
]);

/**
 * One argument column of a call. A bare NULL literal arrives as a SQLNULL
 * vector, which node-api cannot read; such a column has `vector` undefined
 * and reads as NULL on every row. So does a nested type with a NULL-typed
 * part, such as the MAP("NULL", "NULL") of an empty `map()`.
 */
export interface ArgumentColumn {
  readonly typeId: DuckDBTypeId;
  readonly typeName: string;
  readonly vector: DuckDBVector | undefined;
  /** The raw DuckDB vector and the chunk's row count, for the fast VARCHAR reader. */
  readonly raw: duckdb.Vector;
  readonly rows: number;
}

/** The argument columns of a chunk, SQLNULL ones left unread. */
export function argumentColumns(chunk: DuckDBDataChunk): ArgumentColumn[] {
  const columns: ArgumentColumn[] = [];
  for (let i = 0; i < chunk.columnCount; i++) {
    const raw = duckdb.data_chunk_get_vector(chunk.chunk, i);
    const typeId = duckdb.get_type_id(duckdb.vector_get_column_type(raw)) as unknown as DuckDBTypeId;
    const rows = chunk.rowCount;
    if (typeId === DuckDBTypeId.SQLNULL) {
      columns.push({ typeId, typeName: 'NULL', vector: undefined, raw, rows });
    } else {
      let vector: DuckDBVector | undefined;
      try {
        vector = chunk.getColumnVector(i);
      } catch {
        // A nested type with a NULL-typed part (`map()` is MAP("NULL", "NULL")): node-api cannot read it.
        vector = undefined;
      }
      columns.push({ typeId, typeName: vector ? vector.type.toString() : DuckDBTypeId[typeId], vector, raw, rows });
    }
  }
  return columns;
}

/** A VARCHAR argument (a bare NULL literal reads as NULL). */
export function stringReader(fn: string, column: ArgumentColumn, argument: string): ArgumentReader<string> {
  if (column.typeId === DuckDBTypeId.SQLNULL) return () => null;
  if (column.typeId !== DuckDBTypeId.VARCHAR) {
    throw FunctionError.badType(fn, `${argument} must be STRING (VARCHAR), got ${column.typeName}`);
  }
  const values = readVarchars(column.raw, column.rows);
  return (row) => values[row] ?? null;
}

/** A VARCHAR argument as UTF-8 bytes, undecoded (`readVarcharBytes`); null for a bare NULL literal. */
export function bytesReader(fn: string, column: ArgumentColumn, argument: string): VarcharBytes | null {
  if (column.typeId === DuckDBTypeId.SQLNULL) return null;
  if (column.typeId !== DuckDBTypeId.VARCHAR) {
    throw FunctionError.badType(fn, `${argument} must be STRING (VARCHAR), got ${column.typeName}`);
  }
  return readVarcharBytes(column.raw, column.rows);
}

/** An integer argument as a JS number (huge values become ±Infinity-safe numbers for range checks). */
export function integerReader(fn: string, column: ArgumentColumn, argument: string): ArgumentReader<number> {
  const vector = column.vector;
  if (!vector) return () => null;
  if (!INTEGER_TYPES.has(column.typeId)) {
    throw FunctionError.badType(fn, `${argument} must be INT, got ${column.typeName}`);
  }
  return (row) => {
    const value = vector.getItem(row) as number | bigint | null;
    return value === null ? null : Number(value);
  };
}

/**
 * A DATETIME argument as an instant (epoch milliseconds). TIMESTAMP and DATE
 * are wall times read in `timezone` (MaxCompute's odps.sql.timezone);
 * TIMESTAMP WITH TIME ZONE is an absolute instant.
 */
export function instantReader(fn: string, column: ArgumentColumn, argument: string, timezone: string): ArgumentReader<number> {
  const vector = column.vector;
  if (!vector) return () => null;
  const id = column.typeId;
  if (!TIME_TYPES.has(id)) throw FunctionError.badType(fn, `${argument} must be DATETIME (TIMESTAMP), got ${column.typeName}`);
  let lastMicros: bigint | undefined;
  let lastMillis = 0;
  return (row) => {
    const value = vector.getItem(row) as { micros?: bigint; millis?: bigint; seconds?: bigint; nanos?: bigint; days?: number } | null;
    if (value === null) return null;
    if (id === DuckDBTypeId.TIMESTAMP_TZ) return Number((value.micros ?? 0n) / 1000n);
    const micros = wallMicros(id, value);
    if (micros === lastMicros) return lastMillis;
    lastMicros = micros;
    lastMillis = wallTimeToInstant(micros, timezone);
    return lastMillis;
  };
}

function wallMicros(id: DuckDBTypeId, value: { micros?: bigint; millis?: bigint; seconds?: bigint; nanos?: bigint; days?: number }): bigint {
  switch (id) {
    case DuckDBTypeId.TIMESTAMP_S:
      return (value.seconds ?? 0n) * 1_000_000n;
    case DuckDBTypeId.TIMESTAMP_MS:
      return (value.millis ?? 0n) * 1000n;
    case DuckDBTypeId.TIMESTAMP_NS:
      return (value.nanos ?? 0n) / 1000n;
    case DuckDBTypeId.DATE:
      return BigInt(value.days ?? 0) * 86_400_000_000n;
    default:
      return value.micros ?? 0n;
  }
}

/** Epoch milliseconds of the wall time `micros` (counted as if UTC) in `timezone`. */
export function wallTimeToInstant(micros: bigint, timezone: string): number {
  const utc = DateTime.fromMillis(Number(micros / 1000n), { zone: 'UTC' });
  const local = DateTime.fromObject(
    { year: utc.year, month: utc.month, day: utc.day, hour: utc.hour, minute: utc.minute, second: utc.second, millisecond: utc.millisecond },
    { zone: timezone },
  );
  return local.toMillis();
}

/** `2026-11-23 20:00:00 (Asia/Shanghai)`, for messages. */
export function formatWallTime(epochMillis: number, timezone: string): string {
  return `${DateTime.fromMillis(epochMillis, { zone: timezone }).toFormat('yyyy-LL-dd HH:mm:ss')} (${timezone})`;
}
