import type { DuckDBConnection } from '@duckdb/node-api';
import type { FunctionContext } from './FunctionContext.js';
import { createGetDataFromOss, GET_DATA_FROM_OSS } from './getDataFromOss.js';
import { createGetSignedUrlFromOss, GET_SIGNED_URL_FROM_OSS } from './getSignedUrlFromOss.js';
import { createOssduckExplainUrl, OSSDUCK_EXPLAIN_URL } from './ossduckExplainUrl.js';
import { createOssduckLintKey } from './ossduckLintKey.js';
import { createOssduckPresign, OSSDUCK_PRESIGN } from './ossduckPresign.js';
import { createOssPresignPrefix, OSS_PRESIGN_PREFIX, OSS_PRESIGN_PREFIX_USAGE } from './ossPresignPrefix.js';
import type { TableFunctionUsage } from './tableFunction.js';

/** The functions that sign or read OSS: a statement that names one needs credentials first. */
export const OSS_FUNCTIONS: readonly string[] = [GET_SIGNED_URL_FROM_OSS, GET_DATA_FROM_OSS, OSSDUCK_PRESIGN, OSS_PRESIGN_PREFIX];

/** The function that verifies URLs with the session's credentials and reaches no OSS. */
export const VERIFYING_FUNCTIONS: readonly string[] = [OSSDUCK_EXPLAIN_URL];

/** ossduck's table functions, for the errors DuckDB raises while matching a call to one. */
export const TABLE_FUNCTIONS: readonly TableFunctionUsage[] = [OSS_PRESIGN_PREFIX_USAGE];

/**
 * Registers GET_SIGNED_URL_FROM_OSS, GET_DATA_FROM_OSS, OSSDUCK_PRESIGN, OSSDUCK_EXPLAIN_URL,
 * oss_presign_prefix, and OSSDUCK_LINT_KEY (which reads nothing but its key).
 */
export function registerOssFunctions(connection: DuckDBConnection, context: FunctionContext): void {
  connection.registerScalarFunction(createGetSignedUrlFromOss(context));
  connection.registerScalarFunction(createGetDataFromOss(context));
  connection.registerScalarFunction(createOssduckExplainUrl(context));
  connection.registerScalarFunction(createOssduckPresign(context));
  connection.registerTableFunction(createOssPresignPrefix(context));
  connection.registerScalarFunction(createOssduckLintKey(context.errors));
}
