/**
 * ossduck as a library: MaxCompute object tables and GET_SIGNED_URL_FROM_OSS
 * on an embedded DuckDB, for Node ETL jobs.
 */
export { openOssduck, Ossduck } from './Ossduck.js';
export type { OssduckOptions, QueryResult, Row, RowValue, StatementResult } from './Ossduck.js';
export { ErrorCode, OssduckError } from './OssduckError.js';
export type { ErrorKind, SourcePosition } from './OssduckError.js';
export { ERROR_KINDS } from './ErrorKinds.js';
export { Credentials } from './oss/Credentials.js';
export type { AccessKeyPair } from './oss/Credentials.js';
export { Presigner } from './oss/signing/Presigner.js';
export type { PresignSpec, SignatureVersion } from './oss/signing/Presigner.js';
export type { UrlAddress, UrlStyle } from './oss/signing/UrlAddress.js';
export { explainPresignedUrl } from './oss/explain/explainPresignedUrl.js';
export type { ExplainOptions, UrlCheck, UrlExplanation, UrlSummary, Verdict } from './oss/explain/explainPresignedUrl.js';
