import { ANY, VARCHAR } from '@duckdb/node-api';
import type { DuckDBScalarFunction } from '@duckdb/node-api';
import type { DuckDBDataChunk, DuckDBVector } from '@duckdb/node-api';
import { DuckDBTypeId } from '@duckdb/node-api';
import type { UrlMethod } from '../catalog/TableUrlProperties.js';
import { objectKeyProblem } from '../oss/OssLocation.js';
import { FunctionError } from './FunctionError.js';
import { PresignerCache } from './PresignerCache.js';
import type { SignerEntry } from './PresignerCache.js';
import { rawVector, scalarFunction } from './scalarFunction.js';
import {
  INTEGER_TYPES,
  TIME_TYPES,
  argumentColumns,
  bytesReader,
  instantReader,
  integerReader,
  stringReader,
} from './readArguments.js';
import type { TableUrlPolicy } from './TableUrlPolicy.js';
import { urlLifetime } from './urlLifetime.js';
import type { LifetimeNames } from './urlLifetime.js';
import type { ArgumentColumn, ArgumentReader } from './readArguments.js';
import type { VarcharBytes } from './readVarcharBytes.js';
import type { FunctionContext } from './FunctionContext.js';

export const GET_SIGNED_URL_FROM_OSS = 'GET_SIGNED_URL_FROM_OSS';
const FN = GET_SIGNED_URL_FROM_OSS;

const METHODS = new Set(['GET', 'PUT']);
const NAMES: LifetimeNames = { ttl: 'timeToLiveSeconds', expiration: 'expiration', exclusiveHint: 'give one of them and NULL for the other' };

const USAGE =
  'call it as (table, key), (table, key, ttl), (table, key, expiration), (table, key, ttl, method), ' +
  '(table, key, expiration, method) or (table, key, ttl, expiration, method)';

/** The per-row readers of one call shape. */
interface CallShape {
  readonly table: ArgumentReader<string>;
  /** The keys as UTF-8 bytes; null when the argument is a bare NULL. */
  readonly key: VarcharBytes | null;
  readonly ttl: ArgumentReader<number>;
  readonly expiration: ArgumentReader<number>;
  readonly method: ArgumentReader<string>;
}

const none: ArgumentReader<never> = () => null;

function isNull(c: ArgumentColumn): boolean {
  return c.typeId === DuckDBTypeId.SQLNULL;
}

/** Works out which of MaxCompute's five forms a call is, from its argument types. */
function callShape(chunk: DuckDBDataChunk, timezone: string): CallShape {
  const count = chunk.columnCount;
  if (count < 2 || count > 5) throw FunctionError.badType(FN, `takes 2 to 5 arguments, got ${count}: ${USAGE}`);
  const v = argumentColumns(chunk);
  const table = stringReader(FN, v[0]!, 'full_object_table_name (argument 1)');
  const key = bytesReader(FN, v[1]!, 'key (argument 2)');
  const ttlOrExpiration = (column: ArgumentColumn, position: number): Pick<CallShape, 'ttl' | 'expiration'> => {
    if (isNull(column)) return { ttl: none, expiration: none };
    if (INTEGER_TYPES.has(column.typeId)) return { ttl: integerReader(FN, column, `timeToLiveSeconds (argument ${position})`), expiration: none };
    if (TIME_TYPES.has(column.typeId)) return { ttl: none, expiration: instantReader(FN, column, `expiration (argument ${position})`, timezone) };
    throw FunctionError.badType(
      FN,
      `argument ${position} must be timeToLiveSeconds (INT) or expiration (DATETIME), got ${column.typeName}: ${USAGE}`,
    );
  };
  switch (count) {
    case 2:
      return { table, key, ttl: none, expiration: none, method: none };
    case 3:
      return { table, key, ...ttlOrExpiration(v[2]!, 3), method: none };
    case 4:
      return { table, key, ...ttlOrExpiration(v[2]!, 3), method: stringReader(FN, v[3]!, 'httpMethod (argument 4)') };
    default: {
      if (!isNull(v[2]!) && !INTEGER_TYPES.has(v[2]!.typeId)) {
        throw FunctionError.badType(FN, `timeToLiveSeconds (argument 3) must be INT, got ${v[2]!.typeName}: ${USAGE}`);
      }
      return {
        table,
        key,
        ttl: integerReader(FN, v[2]!, 'timeToLiveSeconds (argument 3)'),
        expiration: instantReader(FN, v[3]!, 'expiration (argument 4)', timezone),
        method: stringReader(FN, v[4]!, 'httpMethod (argument 5)'),
      };
    }
  }
}

function quoteValue(value: string): string {
  const shown = value.length > 120 ? `${value.slice(0, 117)}...` : value;
  return `'${shown}'`;
}

/**
 * Registers MaxCompute's `GET_SIGNED_URL_FROM_OSS` with all five of its forms
 * on one varargs registration; the argument types tell the forms apart. The
 * table's URL properties (TBLPROPERTIES ossduck.url.scheme, ossduck.url.endpoint,
 * ossduck.max_ttl, ossduck.allowed_methods) shape and limit its URLs.
 */
export function createGetSignedUrlFromOss(context: FunctionContext): DuckDBScalarFunction {
  const { statement } = context;
  const signers = new PresignerCache(context, FN);

  const main = (chunk: DuckDBDataChunk, output: DuckDBVector): void => {
    signers.forStatement(statement.id);
    const timezone = statement.timezone;
    const shape = callShape(chunk, timezone);
    const instantMs = statement.instant;
    const signTime = Math.floor(instantMs / 1000);
    const rows = chunk.rowCount;
    const keys = shape.key;
    const pool = context.signingPool;
    pool.begin();
    /** The presigner of a row's table, TTL or expiration, and method; every check of them made here. */
    const signerFor = (tableName: string, ttl: number | null, expiration: number | null, rawMethod: string | null): SignerEntry => {
      let policy: TableUrlPolicy | undefined;
      const lifetime = urlLifetime(FN, { ttl, expiration }, NAMES, instantMs, timezone, () => (policy ??= signers.policyFor(tableName)).defaultTtl);
      const method = rawMethod === null ? 'GET' : rawMethod.toUpperCase();
      if (!METHODS.has(method)) {
        throw FunctionError.invalid(FN, `httpMethod ${quoteValue(rawMethod ?? '')} is not allowed; allowed: GET (download) or PUT (upload), in any case`);
      }
      policy ??= signers.policyFor(tableName);
      policy.checkLifetime(FN, lifetime);
      policy.checkMethod(FN, method as UrlMethod, 'httpMethod');
      return signers.presignerFor(policy, method, lifetime.expiresIn, signTime);
    };
    // Most calls sign one table with one TTL and method: a row asking what the last asked gets its presigner.
    let last: SignerEntry | undefined;
    let lastTable: string | undefined;
    let lastTtl: number | null = null;
    let lastExpiration: number | null = null;
    let lastMethod: string | null = null;
    for (let row = 0; row < rows; row++) {
      const tableName = shape.table(row);
      const keyBuffer = keys === null ? -1 : keys.buffer[row]!;
      if (tableName === null || keyBuffer < 0) {
        output.setItem(row, null);
        continue;
      }
      const ttl = shape.ttl(row);
      const expiration = shape.expiration(row);
      const rawMethod = shape.method(row);
      if (last === undefined || tableName !== lastTable || ttl !== lastTtl || expiration !== lastExpiration || rawMethod !== lastMethod) {
        last = signerFor(tableName, ttl, expiration, rawMethod);
        lastTable = tableName;
        lastTtl = ttl;
        lastExpiration = expiration;
        lastMethod = rawMethod;
      }
      const source = keys!.buffers[keyBuffer]!;
      const start = keys!.start[row]!;
      const end = start + keys!.length[row]!;
      // OSS takes 1 to 1023 bytes of UTF-8, not starting with a slash or backslash; the message comes from objectKeyProblem.
      const bytes = last.prefix.length + end - start;
      const first = last.firstByte >= 0 ? last.firstByte : source[start];
      if (bytes === 0 || bytes > 1023 || first === 0x2f || first === 0x5c) {
        const key = source.toString('utf8', start, end);
        const objectKey = last.prefixText + key;
        const problem = objectKeyProblem(objectKey);
        if (problem) throw FunctionError.invalid(FN, `key ${quoteValue(key)} gives object name ${quoteValue(objectKey)}, which OSS refuses: ${problem}`);
      }
      pool.add(row, last.presigner, last.prefix, source, start, end);
    }
    pool.finish(rawVector(output), signers.recorder());
    output.flush();
  };

  return scalarFunction(context.errors, { name: FN, returnType: VARCHAR, varArgsType: ANY, volatile: true, specialHandling: true, main });
}
