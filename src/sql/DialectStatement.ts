import type { SourcePosition } from '../OssduckError.js';

/** A dotted name as written: `p.s.t`, `s.t` or `t`, each part unquoted. */
export interface QualifiedName {
  readonly parts: readonly string[];
  readonly position: SourcePosition;
}

export type Property = readonly [key: string, value: string];

export interface SetStatement {
  readonly kind: 'set';
  readonly key: string;
  readonly value: string;
}

export interface UseProjectStatement {
  readonly kind: 'useProject';
  readonly project: string;
  /** `USE project.schema` also switches schema. */
  readonly schema: string | undefined;
  readonly position: SourcePosition;
}

export interface UseSchemaStatement {
  readonly kind: 'useSchema';
  readonly schema: QualifiedName;
}

export interface CreateSchemaStatement {
  readonly kind: 'createSchema';
  readonly name: QualifiedName;
  readonly ifNotExists: boolean;
  readonly comment: string | undefined;
}

export interface CreateObjectTableStatement {
  readonly kind: 'createObjectTable';
  readonly name: QualifiedName;
  readonly ifNotExists: boolean;
  readonly location: string;
  readonly locationPosition: SourcePosition;
  readonly serdeProperties: readonly Property[];
  readonly tblProperties: readonly Property[];
  readonly comment: string | undefined;
}

export interface DescribeStatement {
  readonly kind: 'describe';
  readonly name: QualifiedName;
  readonly extended: boolean;
}

export interface ShowTablesStatement {
  readonly kind: 'showTables';
  /** `IN project[.schema]`, else the current schema. */
  readonly scope: QualifiedName | undefined;
  readonly like: string | undefined;
}

export interface ShowSchemasStatement {
  readonly kind: 'showSchemas';
  readonly project: QualifiedName | undefined;
  readonly like: string | undefined;
}

export interface ShowCreateTableStatement {
  readonly kind: 'showCreateTable';
  readonly name: QualifiedName;
}

export interface DropTableStatement {
  readonly kind: 'dropTable';
  readonly name: QualifiedName;
  readonly ifExists: boolean;
}

export interface DropSchemaStatement {
  readonly kind: 'dropSchema';
  readonly name: QualifiedName;
  readonly ifExists: boolean;
  readonly cascade: boolean;
}

/** `SETPROJECT key=value` (a project setting), or `SETPROJECT` alone (list them). */
export interface SetProjectStatement {
  readonly kind: 'setProject';
  readonly key: string | undefined;
  readonly value: string;
}

export interface RefreshMetadataStatement {
  readonly kind: 'refreshMetadata';
  readonly name: QualifiedName;
}

/** `ALTER TABLE <table> RENAME TO <new name>`. */
export interface RenameTableStatement {
  readonly kind: 'renameTable';
  readonly name: QualifiedName;
  readonly to: QualifiedName;
}

/** `ALTER TABLE <table> SET TBLPROPERTIES ('k'='v', ...)`: adds or replaces those keys. */
export interface SetTablePropertiesStatement {
  readonly kind: 'setTableProperties';
  readonly name: QualifiedName;
  readonly properties: readonly Property[];
}

/** `ALTER TABLE <table> UNSET TBLPROPERTIES [IF EXISTS] ('k', ...)`: removes those keys. */
export interface UnsetTablePropertiesStatement {
  readonly kind: 'unsetTableProperties';
  readonly name: QualifiedName;
  readonly keys: readonly string[];
  readonly ifExists: boolean;
}

/** `ALTER TABLE <table> SET COMMENT '<text>'` (an empty text removes the comment). */
export interface SetTableCommentStatement {
  readonly kind: 'setTableComment';
  readonly name: QualifiedName;
  readonly comment: string;
}

/** The MaxCompute statements ossduck handles itself; everything else goes to DuckDB. */
export type DialectStatement =
  | SetStatement
  | UseProjectStatement
  | UseSchemaStatement
  | CreateSchemaStatement
  | CreateObjectTableStatement
  | DescribeStatement
  | ShowTablesStatement
  | ShowSchemasStatement
  | ShowCreateTableStatement
  | DropTableStatement
  | DropSchemaStatement
  | RefreshMetadataStatement
  | RenameTableStatement
  | SetTablePropertiesStatement
  | UnsetTablePropertiesStatement
  | SetTableCommentStatement
  | SetProjectStatement;
