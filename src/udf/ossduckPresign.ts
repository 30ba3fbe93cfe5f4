import duckdb from '@duckdb/node-bindings';
import { ANY, DuckDBStructValue, DuckDBTypeId, MAP, STRUCT, TIMESTAMPTZ, VARCHAR } from '@duckdb/node-api';
import type { DuckDBDataChunk, DuckDBMapVector, DuckDBScalarFunction, DuckDBVector } from '@duckdb/node-api';
import { objectKeyProblem } from '../oss/OssLocation.js';
import { shown } from '../shown.js';
import type { FunctionContext } from './FunctionContext.js';
import { FunctionError } from './FunctionError.js';
import { PresignPreparer } from './PresignPreparer.js';
import type { RowOptions } from './PresignPreparer.js';
import { INTEGER_TYPES, argumentColumns, stringReader } from './readArguments.js';
import type { ArgumentColumn, ArgumentReader } from './readArguments.js';
import { scalarFunction } from './scalarFunction.js';

export const OSSDUCK_PRESIGN = 'OSSDUCK_PRESIGN';
const FN = OSSDUCK_PRESIGN;

/** What OSSDUCK_PRESIGN returns: the URL, and how to use it. */
export const PRESIGN_RESULT_TYPE = STRUCT({
  url: VARCHAR,
  method: VARCHAR,
  expires_at: TIMESTAMPTZ,
  signed_headers: MAP(VARCHAR, VARCHAR),
});

const USAGE = 'call it as (table, key) or (table, key, options), options a MAP such as MAP {\'ttl\': \'600\', \'method\': \'PUT\'}';
const OPTION_VALUE_TYPES = new Set<DuckDBTypeId>([...INTEGER_TYPES, DuckDBTypeId.VARCHAR, DuckDBTypeId.BOOLEAN]);

const NO_OPTIONS: RowOptions = { key: '[]', entries: [] };

/**
 * Reads the options MAP row by row. A row whose list entry (offset and
 * length into the map's entries) equals the previous row's, as for a
 * constant map, reuses what that row read.
 */
function optionsReader(column: ArgumentColumn | undefined): ArgumentReader<RowOptions> {
  if (column === undefined || column.typeId === DuckDBTypeId.SQLNULL) return () => NO_OPTIONS;
  if (column.typeId !== DuckDBTypeId.MAP) throw FunctionError.badType(FN, `options (argument 3) must be MAP(VARCHAR, VARCHAR), got ${column.typeName}: ${USAGE}`);
  const logical = duckdb.vector_get_column_type(column.raw);
  const keyType = duckdb.get_type_id(duckdb.map_type_key_type(logical)) as unknown as DuckDBTypeId;
  const valueType = duckdb.get_type_id(duckdb.map_type_value_type(logical)) as unknown as DuckDBTypeId;
  // map() and MAP {'ttl': NULL}: nothing is given.
  if (keyType === DuckDBTypeId.SQLNULL || valueType === DuckDBTypeId.SQLNULL || column.vector === undefined) return () => NO_OPTIONS;
  if (keyType !== DuckDBTypeId.VARCHAR || !OPTION_VALUE_TYPES.has(valueType)) {
    throw FunctionError.badType(FN, `options (argument 3) must be MAP(VARCHAR, VARCHAR), got ${column.typeName}: ${USAGE}`);
  }
  const vector = column.vector as DuckDBMapVector;
  const rows = column.rows;
  const data = duckdb.vector_get_data(column.raw, rows * 16);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const validity = duckdb.vector_get_validity(column.raw, Math.ceil(rows / 64) * 8);
  let lastOffset = -1n;
  let lastLength = -1n;
  let last: RowOptions = NO_OPTIONS;
  return (row) => {
    if (validity && ((validity[row >> 3]! >> (row & 7)) & 1) === 0) return NO_OPTIONS;
    const offset = view.getBigUint64(row * 16, true);
    const length = view.getBigUint64(row * 16 + 8, true);
    if (offset === lastOffset && length === lastLength) return last;
    const value = vector.getItem(row);
    const entries = (value?.entries ?? []).map(({ key, value: v }) => [String(key), v === null ? null : String(v)] as const);
    lastOffset = offset;
    lastLength = length;
    last = { key: JSON.stringify(entries), entries };
    return last;
  };
}

/**
 * `OSSDUCK_PRESIGN(table, key [, options])`: a presigned URL with OSS's own
 * options (method, ttl or expiration, versionId, response-* overrides,
 * x-oss-process, traffic limit, request payer, upload headers to sign, URL
 * scheme and endpoint), returned with the method, the expiry instant and the
 * headers the HTTP client must send. The table's URL properties give the
 * defaults and limits, as for GET_SIGNED_URL_FROM_OSS.
 */
export function createOssduckPresign(context: FunctionContext): DuckDBScalarFunction {
  const preparer = new PresignPreparer(FN, context);

  const main = (chunk: DuckDBDataChunk, output: DuckDBVector): void => {
    const count = chunk.columnCount;
    if (count < 2 || count > 3) throw FunctionError.badType(FN, `takes 2 or 3 arguments, got ${count}: ${USAGE}`);
    const columns = argumentColumns(chunk);
    const table = stringReader(FN, columns[0]!, 'table (argument 1)');
    const key = stringReader(FN, columns[1]!, 'key (argument 2)');
    const options = optionsReader(columns[2]);
    for (let row = 0; row < chunk.rowCount; row++) {
      const tableName = table(row);
      const k = key(row);
      if (tableName === null || k === null) {
        output.setItem(row, null);
        continue;
      }
      const entry = preparer.prepare(tableName, options(row) ?? NO_OPTIONS);
      const objectKey = entry.prefix + k;
      const problem = objectKeyProblem(objectKey);
      if (problem) throw FunctionError.invalid(FN, `key ${shown(k)} gives object name ${shown(objectKey)}, which OSS refuses: ${problem}`);
      if (entry.issue) context.issuedUrls.addName(entry.issue, objectKey);
      output.setItem(
        row,
        new DuckDBStructValue({ url: entry.presigner.url(objectKey), method: entry.method, expires_at: entry.expiresAt, signed_headers: entry.signedHeaders }),
      );
    }
    output.flush();
  };

  return scalarFunction(context.errors, { name: FN, returnType: PRESIGN_RESULT_TYPE, varArgsType: ANY, volatile: true, specialHandling: true, main });
}
