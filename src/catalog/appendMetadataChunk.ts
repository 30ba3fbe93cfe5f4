import duckdb from '@duckdb/node-bindings';
import { DuckDBDataChunk, DuckDBTimestampTZValue } from '@duckdb/node-api';
import type { DuckDBAppender } from '@duckdb/node-api';
import type { MetadataRow } from './ObjectTable.js';
import { VECTOR_SIZE } from '../vectorSize.js';

const TWO_32 = 4294967296;

/** The VARCHAR columns of the metadata, by column index, and how each row gives its value. */
const TEXT_COLUMNS: readonly [number, (row: MetadataRow) => string | null][] = [
  [0, (row) => row.key],
  [2, (row) => row.type],
  [4, (row) => row.storageClass],
  [5, (row) => row.etag],
  [6, (row) => row.restoreInfo],
  [7, (row) => row.ownerId],
  [8, (row) => row.ownerDisplayName],
];

/** Microseconds since the epoch of each row's ISO-8601 last-modified instant, or undefined when one is not a safe integer (unparsable, or beyond the year 2255). */
function epochMicros(rows: readonly MetadataRow[]): number[] | undefined {
  const micros = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const value = Date.parse(rows[i]!.lastModified) * 1000;
    if (!Number.isSafeInteger(value)) return undefined;
    micros[i] = value;
  }
  return micros;
}

/** Writes safe integers into a BIGINT or TIMESTAMPTZ vector (64-bit two's complement, little-endian as x64 and arm64 are). */
function writeInt64s(vector: duckdb.Vector, values: readonly number[]): void {
  const words = new Int32Array(values.length * 2);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    words[2 * i] = value >>> 0;
    words[2 * i + 1] = Math.floor(value / TWO_32);
  }
  duckdb.copy_data_to_vector(vector, 0, words.buffer, 0, words.byteLength);
}

/** Fills a VARCHAR vector: a column of one value (the common case for type, storage class, owner) is set once as a constant. */
function writeTexts(vector: duckdb.Vector, rows: readonly MetadataRow[], value: (row: MetadataRow) => string | null): void {
  const first = value(rows[0]!);
  let same = first !== null;
  for (let i = 1; same && i < rows.length; i++) same = value(rows[i]!) === first;
  if (same) {
    duckdb.vector_reference_value(vector, duckdb.create_varchar(first!));
    return;
  }
  let validity: Uint8Array | undefined;
  for (let i = 0; i < rows.length; i++) {
    const text = value(rows[i]!);
    if (text !== null) {
      duckdb.vector_assign_string_element(vector, i, text);
      continue;
    }
    validity ??= new Uint8Array(Math.ceil(rows.length / 64) * 8).fill(0xff);
    validity[i >> 3]! &= ~(1 << (i & 7));
  }
  if (validity === undefined) return;
  duckdb.vector_ensure_validity_writable(vector);
  duckdb.copy_data_to_vector_validity(vector, 0, validity.buffer as ArrayBuffer, 0, validity.byteLength);
}

/**
 * Appends up to VECTOR_SIZE metadata rows to `appender` (whose column
 * types are `types`) as one data chunk
 * (columns as OBJECT_TABLE_COLUMNS orders them), with a native call per
 * varying string rather than one per value; sizes and instants are written
 * straight into their vectors. False, with nothing appended, when a size or
 * an instant is not a safe integer: the caller appends those rows one value
 * at a time, which reports such a value as it always has.
 */
export function appendMetadataChunk(appender: DuckDBAppender, types: readonly duckdb.LogicalType[], rows: readonly MetadataRow[]): boolean {
  if (rows.length === 0) return true;
  const sizes = rows.map((row) => row.size);
  const micros = epochMicros(rows);
  if (micros === undefined || !sizes.every((size) => Number.isSafeInteger(size))) return false;
  const chunk = duckdb.create_data_chunk(types);
  duckdb.data_chunk_set_size(chunk, rows.length);
  writeInt64s(duckdb.data_chunk_get_vector(chunk, 1), sizes);
  writeInt64s(duckdb.data_chunk_get_vector(chunk, 3), micros);
  for (const [column, value] of TEXT_COLUMNS) writeTexts(duckdb.data_chunk_get_vector(chunk, column), rows, value);
  appender.appendDataChunk(new DuckDBDataChunk(chunk));
  return true;
}

/**
 * Appends metadata rows one value at a time: a chunk appendMetadataChunk
 * refuses goes in this way, which reports a size or an instant DuckDB
 * cannot hold as it always has.
 */
export function appendMetadataRows(appender: DuckDBAppender, rows: readonly MetadataRow[]): void {
  const text = (value: string | null): void => (value === null ? appender.appendNull() : appender.appendVarchar(value));
  for (const row of rows) {
    appender.appendVarchar(row.key);
    appender.appendBigInt(BigInt(row.size));
    text(row.type);
    appender.appendTimestampTZ(new DuckDBTimestampTZValue(BigInt(Date.parse(row.lastModified)) * 1000n));
    text(row.storageClass);
    text(row.etag);
    text(row.restoreInfo);
    text(row.ownerId);
    text(row.ownerDisplayName);
    appender.endRow();
  }
}
