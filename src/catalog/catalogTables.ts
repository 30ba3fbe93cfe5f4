import { quoteIdentifier } from '../sql/quoteIdentifier.js';
import { CATALOG_SCHEMA } from './objectTableView.js';

/** The catalog's layout; a project database of another version is not opened. */
export const CATALOG_VERSION = '2';

/**
 * The tables of ossduck's catalog in each project database (schema
 * `__ossduck`). Object tables themselves are views (objectTableView.ts); these
 * hold what DuckDB's catalog cannot: each object table's location, role and
 * properties, MaxCompute schemas with their comments, project settings.
 */
export function catalogTablesSql(project: string): string[] {
  const at = (table: string): string => `${quoteIdentifier(project)}.${quoteIdentifier(CATALOG_SCHEMA)}.${quoteIdentifier(table)}`;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(project)}.${quoteIdentifier(CATALOG_SCHEMA)}`,
    `CREATE TABLE IF NOT EXISTS ${at('catalog_info')} (key VARCHAR NOT NULL, value VARCHAR NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${at('schemas')} (name VARCHAR NOT NULL, comment VARCHAR, created_at VARCHAR NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${at('project_settings')} (key VARCHAR NOT NULL, value VARCHAR NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${at('object_tables')} (
       id BIGINT NOT NULL, endpoint VARCHAR NOT NULL, bucket VARCHAR NOT NULL, prefix VARCHAR NOT NULL,
       region VARCHAR NOT NULL, product VARCHAR NOT NULL, role_arn VARCHAR,
       serde_properties VARCHAR NOT NULL, tbl_properties VARCHAR NOT NULL, created_at VARCHAR NOT NULL, last_refreshed_at VARCHAR)`,
  ];
}

/** A catalog table of `project`, quoted. */
export function catalogTable(project: string, table: 'catalog_info' | 'schemas' | 'project_settings' | 'object_tables'): string {
  return `${quoteIdentifier(project)}.${quoteIdentifier(CATALOG_SCHEMA)}.${quoteIdentifier(table)}`;
}
