import type { ObjectTableDefinition } from '../catalog/ObjectTable.js';
import type { ObjectRead, ObjectReadResult } from '../oss/bridge/BridgeProtocol.js';
import type { Credentials } from '../oss/Credentials.js';
import type { BucketTarget } from '../oss/OssClient.js';
import type { BridgeListing } from '../oss/bridge/SyncBridge.js';
import type { Presigner, SignatureVersion } from '../oss/signing/Presigner.js';
import type { SigningKeyCache } from '../oss/signing/SigningKeyCache.js';
import type { UrlAddress } from '../oss/signing/UrlAddress.js';
import type { UrlForm } from '../oss/UrlForm.js';
import type { SigningPool } from './SigningPool.js';

/**
 * The running statement as SQL functions see it. The session moves it on
 * before each statement; functions read it while DuckDB calls them.
 */
export interface StatementScope {
  /** Changes with every statement; caches keyed on it live for one statement. */
  readonly id: number;
  /** The one instant of the statement, epoch milliseconds (`SET ossduck.signing_time` fixes it). */
  readonly instant: number;
  /** The session time zone (`odps.sql.timezone`), an IANA name; DATETIME values are wall times in it. */
  readonly timezone: string;
  /** `ossduck.signature_version`. */
  readonly signatureVersion: SignatureVersion;
}

/**
 * Where a function puts the error it is about to throw: DuckDB turns a thrown
 * error into one line of text, so the session takes the error from here to
 * report it whole (code, detail, the call's position).
 */
export interface FunctionErrors {
  record(error: Error): void;
}

/** Object tables, found by the name a function is given. */
export interface ObjectTables {
  /** The object table `name` (`project.schema.table`) names; an error naming `functionName` when it names none. */
  named(name: string, functionName: string): ObjectTableDefinition;
  /** Every object table (oss_presign_prefix finds the one a location lies under). */
  all(): readonly ObjectTableDefinition[];
}

/** The credentials a session verifies URLs with, or why it has none. */
export interface VerificationCredentials {
  readonly credentials: Credentials | undefined;
  /** Temporary credentials the session holds (RoleARN tables' STS credentials). */
  readonly others: readonly Credentials[];
  /** Why there are none, when `credentials` is undefined. */
  readonly missing: string | undefined;
  /**
   * Whose own account `credentials` are when they are a local emulator's
   * (`the embedded local OSS`), not credentials the user gave: a URL of
   * another AccessKeyId is then unverified.
   */
  readonly localAccount: string | undefined;
}

/**
 * What the OSS functions need of OSS. Everything is synchronous, since DuckDB
 * calls functions synchronously: the session resolves the base credentials
 * before a statement that calls one of them starts.
 */
export interface FunctionOss {
  /** Credentials that sign `table`'s URLs and stay valid until `validUntil` (epoch ms; STS for a RoleARN table). */
  signingCredentials(table: ObjectTableDefinition, functionName: string, validUntil: number): Credentials;
  /** Where `table`'s URLs point in `form` (routing applied); an endpoint the table cannot use is an error. */
  urlAddress(table: ObjectTableDefinition, form: UrlForm, functionName: string): UrlAddress;
  /** Where and with what `table`'s objects are read and listed. */
  bucketTarget(table: ObjectTableDefinition, functionName: string): BucketTarget;
  /**
   * Reads objects (GET_DATA_FROM_OSS), handing each result to `take` (with
   * its index in `reads`) as it comes; a batch of large objects comes in
   * several parts, and `partDone` is called after each so that the bytes
   * taken can be let go.
   */
  readObjects(target: BucketTarget, reads: readonly ObjectRead[], take: (index: number, result: ObjectReadResult) => void, partDone: () => void): void;
  /**
   * Every object under `prefix`, in key order, a run at a time (oss_presign_prefix): listed
   * in the OSS worker, several requests in flight, ahead of what is taken. Listings of an
   * earlier `statement` (its id) still open are closed.
   */
  openListing(target: BucketTarget, prefix: string, statement: number): BridgeListing;
  /** The credentials OSSDUCK_EXPLAIN_URL verifies with. */
  verificationCredentials(): VerificationCredentials;
}

/**
 * What every URL one presigner makes for one table in one statement has in
 * common, as the audit log records it: made once, with the presigner, by
 * `IssuedUrls.describe`, and handed back with each URL.
 */
export interface UrlIssue {
  readonly functionName: string;
}

/**
 * Where the URLs that GET_SIGNED_URL_FROM_OSS, OSSDUCK_PRESIGN and
 * oss_presign_prefix return are recorded: the session's audit log of issued
 * URLs. When it is off (`recording` false), a function does nothing for it:
 * no issue is described and no URL is added. A record never holds the
 * signature or the security token; the session keeps a statement's records
 * aside and writes them only once the statement has succeeded.
 */
export interface IssuedUrls {
  /** Whether the running statement's URLs are recorded; fixed for the statement. */
  readonly recording: boolean;
  /** What `presigner`'s URLs for `table` share, prepared once. */
  describe(functionName: string, table: ObjectTableDefinition, presigner: Presigner): UrlIssue;
  /** One URL of `issue`, for the object name held as UTF-8 in `source[start, end)`. */
  add(issue: UrlIssue, source: Buffer, start: number, end: number): void;
  /** One URL of `issue`, for the object name `objectName`. */
  addName(issue: UrlIssue, objectName: string): void;
}

/**
 * Everything ossduck's SQL functions are given when they are registered.
 * They read it as DuckDB calls them and never reach the session that made it.
 */
export interface FunctionContext {
  readonly statement: StatementScope;
  readonly errors: FunctionErrors;
  readonly tables: ObjectTables;
  readonly oss: FunctionOss;
  /** Signs a chunk's URLs on two threads. */
  readonly signingPool: SigningPool;
  /** The session's derived signing keys, reused by every presigner it makes. */
  readonly signingKeys: SigningKeyCache;
  /** The audit log of the URLs the functions return. */
  readonly issuedUrls: IssuedUrls;
  /** A warning for the user (GET_DATA_FROM_OSS with WARN_AND_NULL). */
  warn(message: string): void;
}
