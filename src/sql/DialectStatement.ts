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

/** The MaxCompute statements ossduck handles itself; everything else goes to DuckDB. */
export type DialectStatement =
  | SetStatement
  | UseProjectStatement
  | UseSchemaStatement
  | CreateSchemaStatement
  | CreateObjectTableStatement;
