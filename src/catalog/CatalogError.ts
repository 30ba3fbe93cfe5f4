import { ErrorCode, OssduckError } from '../OssduckError.js';

/** A name that does not resolve, or one that is taken. */
export class CatalogError extends OssduckError {
  static tableNotFound(name: string): CatalogError {
    return new CatalogError(ErrorCode.tableNotFound, 'Table not found', `table ${name} cannot be resolved`);
  }

  static tableExists(name: string): CatalogError {
    return new CatalogError(ErrorCode.tableExists, 'Table or view already exists', `table ${name} already exists`);
  }

  static schemaNotFound(project: string, schema: string): CatalogError {
    return new CatalogError(ErrorCode.invalidSchema, 'Invalid schema', `schema ${schema} does not exist in project ${project}`);
  }

  static schemaExists(project: string, schema: string): CatalogError {
    return new CatalogError(ErrorCode.invalidSchema, 'Invalid schema', `schema ${schema} already exists in project ${project}`);
  }

  static io(detail: string): CatalogError {
    return new CatalogError(ErrorCode.io, 'Failed to I/O', detail);
  }

  static inUse(warehouse: string, detail: string): CatalogError {
    return new CatalogError(ErrorCode.io, 'Failed to I/O', `${warehouse} is in use by another process${detail}: close it, or open another --db`);
  }

  /** A table property ossduck acts on, given a value it cannot take, or an unknown `ossduck.` key. */
  static invalidProperty(detail: string): CatalogError {
    return new CatalogError(ErrorCode.semantic, 'Semantic analysis exception', detail);
  }

  static invalidName(detail: string): CatalogError {
    return new CatalogError(ErrorCode.semantic, 'Semantic analysis exception', detail);
  }
}
