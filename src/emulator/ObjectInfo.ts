import type { FileHandle } from 'node:fs/promises';

/** What OSS reports about an object. */
export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  /** Upper-case hex MD5 of the content, without quotes. */
  readonly etag: string;
  /** CRC-64/ECMA of the content, unsigned decimal. */
  readonly crc64: string;
  readonly lastModifiedMs: number;
  readonly contentType: string;
  /** `x-oss-meta-*` headers, lower-case names. */
  readonly userMeta: readonly (readonly [string, string])[];
  /** Stored standard headers: Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires. */
  readonly headers: readonly (readonly [string, string])[];
  readonly storageClass: string;
  /**
   * The version id, once the bucket has had versioning: a generated id, or
   * `null` for an object written while versioning was suspended. Undefined
   * for objects written before versioning was ever enabled (OSS's "null"
   * version too).
   */
  readonly versionId?: string | undefined;
}

/** A bucket's versioning state: never enabled (undefined), Enabled, or Suspended. */
export type VersioningStatus = 'Enabled' | 'Suspended';

/** The version id OSS gives objects written with versioning off or suspended. */
export const NULL_VERSION = 'null';

/** The sidecar record of an object, tied to the exact file it describes. */
export interface StoredMeta extends ObjectInfo {
  readonly v: 1;
  readonly ino: number;
  readonly mtimeMs: number;
}

/** The public part of a sidecar record. */
export function infoOf(meta: StoredMeta): ObjectInfo {
  return {
    key: meta.key,
    size: meta.size,
    etag: meta.etag,
    crc64: meta.crc64,
    lastModifiedMs: meta.lastModifiedMs,
    contentType: meta.contentType,
    userMeta: meta.userMeta,
    headers: meta.headers,
    storageClass: meta.storageClass,
    ...(meta.versionId === undefined ? {} : { versionId: meta.versionId }),
  };
}

export interface OpenedObject {
  readonly info: ObjectInfo;
  /** Open for reading; the caller closes it (or lets a read stream do so). */
  readonly handle: FileHandle;
}

export interface PutRequest {
  readonly contentType: string | undefined;
  readonly userMeta: readonly (readonly [string, string])[];
  readonly headers: readonly (readonly [string, string])[];
  readonly storageClass: string;
  /** The Content-MD5 the client sent, decoded (16 bytes). */
  readonly expectedMd5: Buffer | undefined;
  /** A real x-oss-content-sha256 a V4 signature covers (hex). */
  readonly expectedSha256: string | undefined;
  readonly forbidOverwrite: boolean;
}

export type PutOutcome =
  | { readonly ok: true; readonly info: ObjectInfo }
  | { readonly ok: false; readonly reason: 'md5' | 'sha256' | 'exists' | 'aborted' | 'noBucket' | 'blocked' };

export interface BucketInfo {
  readonly name: string;
  readonly createdMs: number;
}

export interface ListRequest {
  readonly prefix: string;
  readonly delimiter: string;
  readonly after: string;
  readonly maxKeys: number;
}

export interface ListResult {
  readonly objects: readonly ObjectInfo[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  /** The last key or common prefix returned (NextMarker / continuation point), when truncated. */
  readonly next: string | undefined;
}

/** One version of an object, and whether it is the current one. */
export interface ObjectVersion {
  readonly info: ObjectInfo;
  readonly current: boolean;
}
