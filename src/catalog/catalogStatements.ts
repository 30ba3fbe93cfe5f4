import { DateTime } from 'luxon';
import type { Catalog } from './Catalog.js';
import { CatalogError } from './CatalogError.js';
import { OBJECT_TABLE_COLUMNS, qualifiedName } from './ObjectTable.js';
import type { ObjectTableDefinition } from './ObjectTable.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quoteIdentifier.js';
import { formatOssLocation } from '../oss/OssLocation.js';
import type { DialectResult } from '../sql/DialectResult.js';

/** A table name resolved against the current project and schema. */
export interface TableName {
  readonly project: string;
  readonly schema: string;
  readonly name: string;
}

/** What the DESC / SHOW / DROP statements need from the runtime. */
export interface CatalogStatementContext {
  readonly catalog: Catalog;
  readonly timezone: string;
  /** Runs a query of ossduck's own against DuckDB, values as text. */
  query(sql: string): Promise<(string | null)[][]>;
  /** Runs a statement of ossduck's own against DuckDB. */
  run(sql: string): Promise<void>;
}

function duckName(t: TableName): string {
  return `${quoteIdentifier(t.project)}.${quoteIdentifier(t.schema)}.${quoteIdentifier(t.name)}`;
}

function showTime(iso: string | undefined, timezone: string): string | null {
  return iso === undefined ? null : DateTime.fromISO(iso, { zone: timezone }).toFormat('yyyy-LL-dd HH:mm:ss');
}

/** A MaxCompute LIKE pattern for SHOW: `*` and `%` match any run of characters; case-insensitive. */
function likeMatcher(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined) return () => true;
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/[*%]/g, '.*').replace(/_/g, '.')}$`, 'i');
  return (name) => re.test(name);
}

/** Regular DuckDB tables and views in a schema: name and type. */
async function duckTables(ctx: CatalogStatementContext, project: string, schema: string): Promise<[string, string][]> {
  const rows = await ctx.query(
    `SELECT table_name, table_type FROM information_schema.tables WHERE table_catalog = ${quoteLiteral(project)} AND table_schema = ${quoteLiteral(schema)}`,
  );
  return rows.map(([name, type]) => [name ?? '', type === 'VIEW' ? 'VIEW' : 'TABLE']);
}

/** `SHOW TABLES`: name and type (OBJECT TABLE, TABLE, VIEW) of every table in the schema. */
export async function showTables(ctx: CatalogStatementContext, project: string, schema: string, like: string | undefined): Promise<DialectResult> {
  if (!(await ctx.catalog.hasSchema(project, schema))) throw CatalogError.schemaNotFound(project, schema);
  const objectTables = new Set((await ctx.catalog.objectTables(project, schema)).map((t) => t.name));
  const matches = likeMatcher(like);
  const rows = (await duckTables(ctx, project, schema))
    .filter(([name]) => matches(name))
    .map(([name, type]) => [name, objectTables.has(name) ? 'OBJECT TABLE' : type])
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
  return { columnNames: ['table_name', 'table_type'], rows };
}

/** `SHOW SCHEMAS`: every schema of a project. */
export async function showSchemas(ctx: CatalogStatementContext, project: string, like: string | undefined): Promise<DialectResult> {
  const matches = likeMatcher(like);
  return {
    columnNames: ['schema_name', 'comment'],
    rows: (await ctx.catalog.schemas(project)).filter((s) => matches(s.name)).map((s) => [s.name, s.comment ?? null]),
  };
}

function quoteMaxCompute(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function propertyList(entries: Readonly<Record<string, string>>): string {
  return Object.entries(entries)
    .map(([k, v]) => `${quoteMaxCompute(k)}=${quoteMaxCompute(v)}`)
    .join(', ');
}

/** The CREATE statement that makes `table` again. */
export function createStatementOf(table: ObjectTableDefinition): string {
  const lines = [`CREATE OBJECT TABLE IF NOT EXISTS ${qualifiedName(table)}`];
  if (table.comment !== undefined) lines.push(`COMMENT ${quoteMaxCompute(table.comment)}`);
  lines.push(`LOCATION ${quoteMaxCompute(formatOssLocation(table.location))}`);
  if (Object.keys(table.serdeProperties).length > 0) lines.push(`WITH SERDEPROPERTIES (${propertyList(table.serdeProperties)})`);
  if (Object.keys(table.tblProperties).length > 0) lines.push(`TBLPROPERTIES (${propertyList(table.tblProperties)})`);
  return `${lines.join('\n')};`;
}

/** `SHOW CREATE TABLE`. */
export async function showCreateTable(ctx: CatalogStatementContext, name: TableName): Promise<DialectResult> {
  const table = await ctx.catalog.objectTable(name.project, name.schema, name.name);
  if (table) return { columnNames: ['create_statement'], rows: [[createStatementOf(table)]] };
  const rows = await ctx.query(
    `SELECT sql FROM duckdb_tables() WHERE database_name = ${quoteLiteral(name.project)} AND schema_name = ${quoteLiteral(name.schema)} AND table_name = ${quoteLiteral(name.name)}
     UNION ALL
     SELECT sql FROM duckdb_views() WHERE database_name = ${quoteLiteral(name.project)} AND schema_name = ${quoteLiteral(name.schema)} AND view_name = ${quoteLiteral(name.name)}`,
  );
  if (rows.length === 0) throw CatalogError.tableNotFound(`${name.project}.${name.schema}.${name.name}`);
  return { columnNames: ['create_statement'], rows: [[rows[0]![0] ?? null]] };
}

/**
 * `DESC [EXTENDED]`: one row per fact, as (section, name, value, comment).
 * Sections: `table` (project, schema, name, type, times, location, role),
 * `serde property`, `table property` and `column`.
 */
export async function describe(ctx: CatalogStatementContext, name: TableName, extended: boolean): Promise<DialectResult> {
  const rows: (string | null)[][] = [];
  const fact = (key: string, value: string | null): void => void rows.push(['table', key, value, null]);
  const table = await ctx.catalog.objectTable(name.project, name.schema, name.name);
  fact('Project', name.project);
  fact('Schema', name.schema);
  fact('Name', name.name);
  if (table) {
    fact('Type', 'OBJECT TABLE');
    fact('Comment', table.comment ?? null);
    fact('CreateTime', showTime(table.createdAt, ctx.timezone));
    fact('LastRefreshTime', showTime(table.lastRefreshedAt, ctx.timezone));
    fact('Location', formatOssLocation(table.location));
    fact('RoleArn', table.roleArn ?? null);
    if (extended) {
      fact('Endpoint', table.location.endpoint);
      fact('Bucket', table.location.bucket);
      fact('Prefix', table.location.prefix);
      fact('Region', table.region);
      fact('Product', table.product);
      const [[count, size] = []] = await ctx.query(`SELECT count(*)::VARCHAR, coalesce(sum(size), 0)::VARCHAR FROM ${duckName(name)}`);
      fact('Objects', count ?? '0');
      fact('Size', size ?? '0');
    }
    for (const [k, v] of Object.entries(table.serdeProperties)) rows.push(['serde property', k, v, null]);
    for (const [k, v] of Object.entries(table.tblProperties)) rows.push(['table property', k, v, null]);
    for (const c of OBJECT_TABLE_COLUMNS) rows.push(['column', c.name, c.maxComputeType, c.comment]);
    return { columnNames: ['section', 'name', 'value', 'comment'], rows };
  }
  const columns = await ctx.query(
    `SELECT column_name, lower(data_type), comment FROM duckdb_columns() WHERE database_name = ${quoteLiteral(name.project)}
       AND schema_name = ${quoteLiteral(name.schema)} AND table_name = ${quoteLiteral(name.name)} ORDER BY column_index`,
  );
  if (columns.length === 0) throw CatalogError.tableNotFound(`${name.project}.${name.schema}.${name.name}`);
  const [[type, comment] = []] = await ctx.query(
    `SELECT 'TABLE', comment FROM duckdb_tables() WHERE database_name = ${quoteLiteral(name.project)} AND schema_name = ${quoteLiteral(name.schema)} AND table_name = ${quoteLiteral(name.name)}
     UNION ALL SELECT 'VIEW', comment FROM duckdb_views() WHERE database_name = ${quoteLiteral(name.project)} AND schema_name = ${quoteLiteral(name.schema)} AND view_name = ${quoteLiteral(name.name)}`,
  );
  fact('Type', type ?? 'TABLE');
  fact('Comment', comment ?? null);
  for (const [column, columnType, columnComment] of columns) rows.push(['column', column ?? '', columnType ?? '', columnComment ?? null]);
  return { columnNames: ['section', 'name', 'value', 'comment'], rows };
}

/** `DROP TABLE`: an object table's definition and metadata, or a DuckDB table or view. */
export async function dropTable(ctx: CatalogStatementContext, name: TableName, ifExists: boolean): Promise<void> {
  if (await ctx.catalog.dropObjectTable(name.project, name.schema, name.name)) return;
  const existing = (await duckTables(ctx, name.project, name.schema)).find(([n]) => n === name.name);
  if (!existing) {
    if (ifExists) return;
    throw CatalogError.tableNotFound(`${name.project}.${name.schema}.${name.name}`);
  }
  await ctx.run(`DROP ${existing[1] === 'VIEW' ? 'VIEW' : 'TABLE'} ${duckName(name)}`);
}

/** `DROP SCHEMA`. */
export async function dropSchema(ctx: CatalogStatementContext, project: string, schema: string, options: { ifExists: boolean; cascade: boolean }): Promise<boolean> {
  if (!(await ctx.catalog.hasSchema(project, schema))) {
    if (options.ifExists) return false;
    throw CatalogError.schemaNotFound(project, schema);
  }
  return ctx.catalog.dropSchema(project, schema, { cascade: options.cascade });
}
