import { ANY, BLOB, DuckDBBlobValue } from '@duckdb/node-api';
import type { DuckDBScalarFunction } from '@duckdb/node-api';
import type { DuckDBDataChunk, DuckDBVector } from '@duckdb/node-api';
import type { ObjectRead, ObjectReadResult } from '../oss/bridge/BridgeProtocol.js';
import type { BucketTarget } from '../oss/OssClient.js';
import { OssError } from '../oss/OssError.js';
import { objectKeyProblem } from '../oss/OssLocation.js';
import { FunctionError } from './FunctionError.js';
import { flushAndRelease } from './flushAndRelease.js';
import { scalarFunction } from './scalarFunction.js';
import { argumentColumns, integerReader, stringReader } from './readArguments.js';
import type { ArgumentReader } from './readArguments.js';
import type { FunctionContext } from './FunctionContext.js';
import { shown } from '../shown.js';

export const GET_DATA_FROM_OSS = 'GET_DATA_FROM_OSS';
const FN = GET_DATA_FROM_OSS;

/** What happens when an object is missing, as MaxCompute defines it. */
export const NOT_FOUND_POLICIES = ['OUTPUT_NULL', 'THROW_EXCEPTION', 'WARN_AND_NULL'] as const;
type NotFoundPolicy = (typeof NOT_FOUND_POLICIES)[number];

const USAGE = 'call it as (table, key [, offset [, length [, object_not_found_policy]]])';

interface Pending {
  readonly row: number;
  readonly read: ObjectRead;
  readonly policy: NotFoundPolicy;
}

/**
 * MaxCompute's `GET_DATA_FROM_OSS(table, key [, offset [, length [,
 * object_not_found_policy]]])`: the object's bytes (from `offset`, `length`
 * of them, -1 for all) as a BLOB. The reads of a chunk run concurrently in the
 * OSS worker; DuckDB waits for them synchronously.
 */
export function createGetDataFromOss(context: FunctionContext): DuckDBScalarFunction {
  const { tables, oss } = context;
  const main = (chunk: DuckDBDataChunk, output: DuckDBVector): void => {
    const count = chunk.columnCount;
    if (count < 2 || count > 5) throw FunctionError.badType(FN, `takes 2 to 5 arguments, got ${count}: ${USAGE}`);
    const columns = argumentColumns(chunk);
    const table = stringReader(FN, columns[0]!, 'full_object_table_name (argument 1)');
    const key = stringReader(FN, columns[1]!, 'key (argument 2)');
    const offset: ArgumentReader<number> = count >= 3 ? integerReader(FN, columns[2]!, 'offset (argument 3)') : () => null;
    const length: ArgumentReader<number> = count >= 4 ? integerReader(FN, columns[3]!, 'length (argument 4)') : () => null;
    const policy: ArgumentReader<string> = count >= 5 ? stringReader(FN, columns[4]!, 'object_not_found_policy (argument 5)') : () => null;

    /** An object that does not exist (or cannot): NULL, a warning and NULL, or the statement fails, as the row's policy says. */
    const notFound = (p: { readonly row: number; readonly policy: NotFoundPolicy }, message: string): void => {
      if (p.policy === 'THROW_EXCEPTION') throw OssError.io(`${FN}: ${message}; object_not_found_policy is THROW_EXCEPTION`);
      if (p.policy === 'WARN_AND_NULL') context.warn(`${FN}: ${message}; returning NULL (WARN_AND_NULL)`);
      output.setItem(p.row, null);
    };
    const byTable = new Map<string, { target: BucketTarget; prefix: string; pending: Pending[] }>();
    const rows = chunk.rowCount;
    for (let row = 0; row < rows; row++) {
      const tableName = table(row);
      const k = key(row);
      if (tableName === null || k === null) {
        output.setItem(row, null);
        continue;
      }
      const from = offset(row) ?? 0;
      if (!Number.isSafeInteger(from) || from < 0) throw FunctionError.outOfRange(FN, `offset ${from} is out of range; allowed 0 or more`);
      const take = length(row) ?? -1;
      if (!Number.isSafeInteger(take) || take < -1) throw FunctionError.outOfRange(FN, `length ${take} is out of range; allowed -1 (everything) or 0 or more`);
      const rawPolicy = policy(row);
      const chosen = (rawPolicy ?? 'OUTPUT_NULL').toUpperCase();
      if (!(NOT_FOUND_POLICIES as readonly string[]).includes(chosen)) {
        throw FunctionError.invalid(FN, `object_not_found_policy ${shown(rawPolicy ?? '')} is not allowed; allowed: ${NOT_FOUND_POLICIES.join(', ')}`);
      }
      let group = byTable.get(tableName);
      if (!group) {
        const definition = tables.named(tableName, FN);
        group = { target: oss.bucketTarget(definition, FN), prefix: definition.location.prefix, pending: [] };
        byTable.set(tableName, group);
      }
      const objectKey = group.prefix + k;
      const problem = objectKeyProblem(objectKey);
      // No object can have a name OSS refuses: it is not found, and the policy says what that gives.
      if (problem) notFound({ row, policy: chosen as NotFoundPolicy }, `key ${shown(k)} gives object name ${shown(objectKey)}, which OSS cannot hold (${problem}), so no such object exists`);
      else group.pending.push({ row, read: { key: objectKey, offset: from, length: take }, policy: chosen as NotFoundPolicy });
    }
    for (const { target, pending } of byTable.values()) {
      const take = (i: number, result: ObjectReadResult): void => {
        const p = pending[i]!;
        if (result.status === 'ok') output.setItem(p.row, new DuckDBBlobValue(result.data));
        else if (result.status === 'missing') notFound(p, result.message);
        else throw OssError.io(`${FN}: ${result.message}`);
      };
      oss.readObjects(target, pending.map((p) => p.read), take, () => flushAndRelease(output));
    }
    flushAndRelease(output);
  };

  return scalarFunction(context.errors, { name: FN, returnType: BLOB, varArgsType: ANY, volatile: true, specialHandling: true, main });
}
