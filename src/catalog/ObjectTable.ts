import type { OssLocation } from '../oss/OssLocation.js';

/** An object table's definition: where it points and how it signs. Never holds a secret. */
export interface ObjectTableDefinition {
  readonly project: string;
  readonly schema: string;
  readonly name: string;
  readonly location: OssLocation;
  /** V4 signing region (from the endpoint, or `ossduck.region`). */
  readonly region: string;
  /** V4 signing product: `oss` or `oss-cloudbox`. */
  readonly product: string;
  /** `acs:ram::<uid>:role/<name>` when the table signs through AssumeRole. */
  readonly roleArn: string | undefined;
  readonly serdeProperties: Readonly<Record<string, string>>;
  readonly tblProperties: Readonly<Record<string, string>>;
  readonly comment: string | undefined;
  /** ISO-8601 instants. */
  readonly createdAt: string;
  readonly lastRefreshedAt: string | undefined;
}

/** `project.schema.table`. */
export function qualifiedName(table: { project: string; schema: string; name: string }): string {
  return `${table.project}.${table.schema}.${table.name}`;
}

/** One row of an object table's metadata, in column order. */
export interface MetadataRow {
  /** The object name relative to the table's location. */
  readonly key: string;
  readonly size: number;
  readonly type: string | null;
  /** ISO-8601 instant. */
  readonly lastModified: string;
  readonly storageClass: string | null;
  readonly etag: string | null;
  readonly restoreInfo: string | null;
  readonly ownerId: string | null;
  readonly ownerDisplayName: string | null;
}

export interface ObjectTableColumn {
  readonly name: string;
  /** The DuckDB type the metadata is stored as. */
  readonly duckType: string;
  /** The MaxCompute type DESC shows. */
  readonly maxComputeType: string;
  readonly comment: string;
}

/** The column list of an object table's metadata table, for CREATE TABLE. */
export function metadataColumnsSql(): string {
  return OBJECT_TABLE_COLUMNS.map((c) => `"${c.name}" ${c.duckType}`).join(', ');
}

/** The fixed columns of every object table, as REFRESH METADATA fills them. */
export const OBJECT_TABLE_COLUMNS: readonly ObjectTableColumn[] = [
  { name: 'key', duckType: 'VARCHAR', maxComputeType: 'string', comment: 'object name relative to the location' },
  { name: 'size', duckType: 'BIGINT', maxComputeType: 'bigint', comment: 'object size in bytes' },
  { name: 'type', duckType: 'VARCHAR', maxComputeType: 'string', comment: 'Normal, Multipart, Appendable or Symlink' },
  { name: 'last_modified', duckType: 'TIMESTAMPTZ', maxComputeType: 'timestamp', comment: 'last modification time' },
  { name: 'storage_class', duckType: 'VARCHAR', maxComputeType: 'string', comment: 'Standard, IA, Archive, ColdArchive, ...' },
  { name: 'etag', duckType: 'VARCHAR', maxComputeType: 'string', comment: 'ETag of the object' },
  { name: 'restore_info', duckType: 'VARCHAR', maxComputeType: 'string', comment: 'restore state of archived objects' },
  { name: 'owner_id', duckType: 'VARCHAR', maxComputeType: 'string', comment: 'ID of the object owner' },
  { name: 'owner_display_name', duckType: 'VARCHAR', maxComputeType: 'string', comment: 'display name of the object owner' },
];
