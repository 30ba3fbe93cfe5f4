import type { ObjectTableDefinition } from '../catalog/ObjectTable.js';
import type { Credentials } from '../oss/Credentials.js';
import type { SyncBridge } from '../oss/bridge/SyncBridge.js';
import type { BucketTarget } from '../oss/OssClient.js';
import type { UrlAddress } from '../oss/signing/UrlAddress.js';
import type { UrlForm } from '../oss/UrlForm.js';
import type { SessionClock } from './SessionClock.js';
import type { SigningPool } from './SigningPool.js';

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
  /**
   * Resolves the function's table argument; throws an error naming it when it
   * is no object table. The credentials stay valid until `validUntil` (epoch
   * ms): for a RoleARN table that decides the STS token's duration.
   */
  signingTarget(tableName: string, functionName: string, validUntil: number): SigningTarget;
  /** The object table a function's table argument names; throws an error naming it when there is none. */
  objectTable(tableName: string, functionName: string): ObjectTableDefinition;
  /** Every object table (oss_presign_prefix finds the one a location lies under). */
  objectTables(): readonly ObjectTableDefinition[];
  /** Credentials that sign `table`'s URLs and stay valid until `validUntil` (epoch ms; STS for a RoleARN table). */
  signingCredentials(table: ObjectTableDefinition, functionName: string, validUntil: number): Credentials;
  /** Where `table`'s URLs point in `form` (routing applied); an endpoint the table cannot use is an error. */
  urlAddress(table: ObjectTableDefinition, form: UrlForm, functionName: string): UrlAddress;
  /** Where OSS requests go (the SyncBridge needs it to list). */
  listTarget(table: ObjectTableDefinition, functionName: string): BucketTarget;
  /** Where and with what a table's objects are read (GET_DATA_FROM_OSS). */
  readTarget(tableName: string, functionName: string): { readonly table: ObjectTableDefinition; readonly target: BucketTarget };
  /** Synchronous OSS and STS calls for functions. */
  readonly bridge: SyncBridge;
  /** Signs a chunk's URLs on two threads. */
  readonly signingPool: SigningPool;
  /** A warning for the user (the CLI prints it on stderr). */
  warn(message: string): void;
}
