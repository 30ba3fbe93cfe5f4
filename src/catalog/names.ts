import { CatalogError } from './CatalogError.js';
import { shown } from '../shown.js';

/** DuckDB catalogs ossduck cannot use as project names. */
const RESERVED_PROJECTS = new Set(['system', 'temp', 'main', 'memory', 'information_schema', 'pg_catalog']);

/**
 * MaxCompute project names: 3 to 28 characters, letters, digits and
 * underscores, starting with a letter. Names are case-insensitive and kept in
 * lower case.
 */
export function projectName(raw: string): string {
  const name = raw.toLowerCase();
  if (!/^[a-z][a-z0-9_]{2,27}$/.test(name)) {
    throw CatalogError.invalidName(
      `project name ${shown(raw)} is not valid: use 3 to 28 letters, digits or underscores, starting with a letter`,
    );
  }
  if (RESERVED_PROJECTS.has(name)) throw CatalogError.invalidName(`project name ${shown(raw)} is reserved; choose another`);
  return name;
}

/**
 * Schema and table names: 1 to 128 letters, digits or underscores, starting
 * with a letter or underscore; case-insensitive and kept in lower case.
 */
export function objectName(raw: string, what: 'schema' | 'table'): string {
  const name = raw.toLowerCase();
  if (!/^[a-z_][a-z0-9_]{0,127}$/.test(name)) {
    throw CatalogError.invalidName(
      `${what} name ${shown(raw)} is not valid: use 1 to 128 letters, digits or underscores, starting with a letter or underscore`,
    );
  }
  return name;
}
