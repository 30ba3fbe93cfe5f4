import type { ObjectTableDefinition } from '../catalog/ObjectTable.js';
import type { Credentials } from '../oss/Credentials.js';
import type { UrlAddress } from '../oss/signing/UrlAddress.js';
import type { SessionClock } from './SessionClock.js';

/** Where and with what an object table's URLs are signed. */
export interface SigningTarget {
  readonly table: ObjectTableDefinition;
  readonly credentials: Credentials;
  readonly address: UrlAddress;
}

/**
 * What the signing functions need from the runtime while a statement runs.
 * Everything is synchronous: DuckDB calls scalar functions synchronously, so
 * credentials are resolved before the statement starts.
 */
export interface SigningRuntime extends SessionClock {
  readonly signatureVersion: 'v1' | 'v4';
  /** Resolves the function's table argument; throws an error naming it when it is no object table. */
  signingTarget(tableName: string, functionName: string): SigningTarget;
}
