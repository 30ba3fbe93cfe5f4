import { quoteIdentifier, quoteLiteral } from '../sql/quoteIdentifier.js';
import { CatalogError } from './CatalogError.js';
import type { CatalogStatementContext, TableName } from './catalogStatements.js';
import { qualifiedName } from './ObjectTable.js';
import type { ObjectTableDefinition } from './ObjectTable.js';
import { TABLE_PROPERTY, readTableUrlProperties } from './TableUrlProperties.js';

function duckName(t: TableName): string {
  return `${quoteIdentifier(t.project)}.${quoteIdentifier(t.schema)}.${quoteIdentifier(t.name)}`;
}

function nameOf(t: TableName): string {
  return `${t.project}.${t.schema}.${t.name}`;
}

/** Whether `t` is a DuckDB table or view (not an object table), or nothing. */
async function duckKind(ctx: CatalogStatementContext, t: TableName): Promise<'TABLE' | 'VIEW' | undefined> {
  const where = (column: string): string =>
    `database_name = ${quoteLiteral(t.project)} AND schema_name = ${quoteLiteral(t.schema)} AND ${column} = ${quoteLiteral(t.name)} AND NOT temporary`;
  const rows = await ctx.query(`SELECT 'TABLE' FROM duckdb_tables() WHERE ${where('table_name')} UNION ALL SELECT 'VIEW' FROM duckdb_views() WHERE ${where('view_name')}`);
  const kind = rows[0]?.[0];
  return kind === 'TABLE' || kind === 'VIEW' ? kind : undefined;
}

/**
 * `ALTER TABLE t RENAME TO u`, in t's schema: an object table is renamed
 * everywhere at once (catalog, warehouse, the name GET_SIGNED_URL_FROM_OSS
 * takes) in one DuckDB transaction; a DuckDB table or view as DuckDB renames
 * it. False when `from` names nothing in the project (a TEMP table, a table of
 * a database attached with ATTACH: DuckDB's to rename).
 */
export async function renameTable(ctx: CatalogStatementContext, from: TableName, to: TableName): Promise<boolean> {
  const table = await ctx.catalog.objectTable(from.project, from.schema, from.name);
  const kind = table ? undefined : await duckKind(ctx, from);
  if (!table && !kind) return false;
  if (to.project !== from.project || to.schema !== from.schema) throw CatalogError.renameAcrossSchemas(nameOf(from), nameOf(to));
  if (table) {
    await ctx.catalog.renameObjectTable(table, to.name);
    return true;
  }
  if ((await duckKind(ctx, to)) !== undefined) throw CatalogError.tableExists(nameOf(to));
  await ctx.run(`ALTER ${kind} ${duckName(from)} RENAME TO ${quoteIdentifier(to.name)}`);
  return true;
}

/**
 * `ALTER TABLE t SET COMMENT '...'`: an empty text removes the comment, as
 * MaxCompute's SDK clears it with one. False when `name` names nothing in the
 * project (as for renameTable).
 */
export async function setTableComment(ctx: CatalogStatementContext, name: TableName, comment: string): Promise<boolean> {
  const text = comment === '' ? undefined : comment;
  const table = await ctx.catalog.objectTable(name.project, name.schema, name.name);
  if (table) {
    await ctx.catalog.setTableComment(table, text);
    return true;
  }
  const kind = await duckKind(ctx, name);
  if (!kind) return false;
  await ctx.run(`COMMENT ON ${kind} ${duckName(name)} IS ${text === undefined ? 'NULL' : quoteLiteral(text)}`);
  return true;
}

/** The object table `name` is; a DuckDB table or view of that name has no TBLPROPERTIES. */
async function objectTableFor(ctx: CatalogStatementContext, name: TableName): Promise<ObjectTableDefinition> {
  const table = await ctx.catalog.objectTable(name.project, name.schema, name.name);
  if (table) return table;
  const kind = await duckKind(ctx, name);
  throw kind ? CatalogError.noTableProperties(nameOf(name), kind) : CatalogError.tableNotFound(nameOf(name));
}

/**
 * `ossduck.region` picks the region an object table's URLs are signed for
 * when it is created (stored with the table, checked against its endpoint):
 * ALTER may restate it but not change or remove it.
 */
function keepRegion(table: ObjectTableDefinition, next: Readonly<Record<string, string>>): void {
  const key = TABLE_PROPERTY.region;
  const before = table.tblProperties[key];
  const after = next[key];
  if (before === after || (before === undefined && after === table.region)) return;
  throw CatalogError.invalidProperty(
    `TBLPROPERTIES '${key}' of ${qualifiedName(table)} is fixed when the object table is created (its URLs are signed for region ${table.region}); DROP TABLE and CREATE OBJECT TABLE again to change it`,
  );
}

/** Checks the properties an object table would have, as CREATE OBJECT TABLE does, then keeps them. */
async function replaceProperties(ctx: CatalogStatementContext, table: ObjectTableDefinition, next: Record<string, string>): Promise<void> {
  keepRegion(table, next);
  readTableUrlProperties(next, table.serdeProperties);
  await ctx.catalog.setTableProperties(table, next);
}

/** `ALTER TABLE t SET TBLPROPERTIES ('k'='v', ...)`: adds or replaces those keys of an object table; `ossduck.` ones checked as at CREATE. */
export async function setTableProperties(ctx: CatalogStatementContext, name: TableName, properties: readonly (readonly [string, string])[]): Promise<void> {
  const table = await objectTableFor(ctx, name);
  await replaceProperties(ctx, table, { ...table.tblProperties, ...Object.fromEntries(properties) });
}

/**
 * `ALTER TABLE t UNSET TBLPROPERTIES [IF EXISTS] ('k', ...)`: removes those
 * keys of an object table; a key it does not have is an error unless IF EXISTS
 * (as in Hive, whose syntax this is).
 */
export async function unsetTableProperties(ctx: CatalogStatementContext, name: TableName, keys: readonly string[], ifExists: boolean): Promise<void> {
  const table = await objectTableFor(ctx, name);
  const missing = keys.filter((k) => !(k in table.tblProperties));
  if (missing.length > 0 && !ifExists) {
    const has = Object.keys(table.tblProperties);
    throw CatalogError.invalidProperty(
      `${qualifiedName(table)} has no TBLPROPERTIES key '${missing[0]}'; its keys are ${has.length === 0 ? 'none' : has.map((k) => `'${k}'`).join(', ')} (UNSET TBLPROPERTIES IF EXISTS (...) skips keys it does not have)`,
    );
  }
  const next = Object.fromEntries(Object.entries(table.tblProperties).filter(([k]) => !keys.includes(k)));
  await replaceProperties(ctx, table, next);
}

