import { OssduckError } from '../OssduckError.js';
import type { SourcePosition } from '../OssduckError.js';

/** A name that does not resolve, or one that is taken. */
export class CatalogError extends OssduckError {
  static tableNotFound(name: string, position?: SourcePosition): CatalogError {
    return new CatalogError('tableNotFound', `table ${name} cannot be resolved`, { position });
  }

  /** A name that resolves to a table that is not an object table, where one is needed. */
  static notObjectTable(name: string, position?: SourcePosition): CatalogError {
    return new CatalogError('tableNotFound', `object table ${name} cannot be resolved`, { position });
  }

  /** A statement that would change an object table's rows or columns. */
  static readOnlyObjectTable(name: string, position?: SourcePosition): CatalogError {
    return new CatalogError(
      'semantic',
      `${name} is an object table: its rows are the metadata of the objects under its LOCATION, and only ALTER TABLE ${name} REFRESH METADATA changes them (its columns are fixed)`,
      { position },
    );
  }

  static tableExists(name: string): CatalogError {
    return new CatalogError('tableExists', `table ${name} already exists`);
  }

  static schemaNotFound(project: string, schema: string, position?: SourcePosition): CatalogError {
    return new CatalogError('invalidSchema', `schema ${schema} does not exist in project ${project}`, { position });
  }

  static schemaExists(project: string, schema: string): CatalogError {
    return new CatalogError('invalidSchema', `schema ${schema} already exists in project ${project}`);
  }

  /** A schema that cannot be used so: `default`, or one that still has tables. */
  static schemaInUse(detail: string): CatalogError {
    return new CatalogError('invalidSchema', detail);
  }

  static projectNotFound(project: string, position?: SourcePosition): CatalogError {
    return new CatalogError('semantic', `project ${project} does not exist; run USE ${project} first`, { position });
  }

  static io(detail: string): CatalogError {
    return new CatalogError('io', detail);
  }

  /** A write to a warehouse that cannot be written. */
  static readOnly(warehouse: string, what: string): CatalogError {
    return new CatalogError('io', `${warehouse} is read-only: ${what}; open a warehouse you can write, or only read this one`);
  }

  /** A catalog change the open transaction does not allow. */
  static transaction(detail: string): CatalogError {
    return new CatalogError('semantic', detail);
  }

  static inUse(warehouse: string, detail: string): CatalogError {
    return new CatalogError('io', `${warehouse} is in use by another process${detail}: close it, or open another --db`);
  }

  /** A table property ossduck acts on, given a value it cannot take, or an unknown `ossduck.` key. */
  static invalidProperty(detail: string): CatalogError {
    return new CatalogError('semantic', detail);
  }

  /** ALTER TABLE ... SET/UNSET TBLPROPERTIES on a DuckDB table or view. */
  static noTableProperties(name: string, kind: string, position?: SourcePosition): CatalogError {
    return new CatalogError(
      'semantic',
      `${name} is a DuckDB ${kind.toLowerCase()}, not an object table: ossduck keeps TBLPROPERTIES for object tables only (use COMMENT ON for a comment)`,
      { position },
    );
  }

  /** ALTER TABLE ... RENAME TO a name in another project or schema. */
  static renameAcrossSchemas(from: string, to: string, position?: SourcePosition): CatalogError {
    return new CatalogError('semantic', `RENAME TO keeps a table in its schema: ${from} cannot become ${to}; give the new name alone, e.g. RENAME TO new_name`, {
      position,
    });
  }

  static invalidName(detail: string): CatalogError {
    return new CatalogError('semantic', detail);
  }

  /** A function's table argument that is not a full table name (`project.schema.table`). */
  static badTableArgument(fn: string, detail: string): CatalogError {
    return new CatalogError('invalidArgument', `${fn}: ${detail}`);
  }

  /** A function's table argument that names no object table. */
  static noObjectTable(fn: string, name: string): CatalogError {
    return new CatalogError('tableNotFound', `${fn}: table ${name} cannot be resolved; full_object_table_name must name an existing object table`);
  }
}
