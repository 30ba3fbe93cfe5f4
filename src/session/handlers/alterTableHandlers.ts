import { renameTable, setTableComment, setTableProperties, unsetTableProperties } from '../../catalog/alterTable.js';
import { CatalogError } from '../../catalog/CatalogError.js';
import type { TableName } from '../../catalog/TableName.js';
import type {
  QualifiedName,
  RenameTableStatement,
  SetTableCommentStatement,
  SetTablePropertiesStatement,
  UnsetTablePropertiesStatement,
} from '../../sql/DialectStatement.js';
import { quoteIdentifier, quoteLiteral } from '../../sql/quoteIdentifier.js';
import type { HandlerContext } from './HandlerContext.js';

/** The table a name resolves to in the project, or undefined when its project or schema is none of ossduck's. */
async function projectTable(name: QualifiedName, context: HandlerContext): Promise<TableName | undefined> {
  try {
    return await context.namespace.existingTable(name);
  } catch (error) {
    if (error instanceof CatalogError) return undefined;
    throw error;
  }
}

/**
 * Runs a DuckDB statement on a table ossduck's names do not reach (TEMP, or
 * of a database attached with ATTACH), as DuckDB resolves the name written;
 * a name DuckDB does not find either is MaxCompute's table-not-found.
 */
async function onDuckTable(context: HandlerContext, name: QualifiedName, resolved: TableName | undefined, sql: string): Promise<undefined> {
  try {
    await context.catalogStatements.run(sql);
  } catch (error) {
    if (!/^Catalog Error: .* does not exist/.test(String((error as Error)?.message))) throw error;
    let shown = name.parts.join('.');
    try {
      const t = resolved ?? context.namespace.tableName(name);
      shown = `${t.project}.${t.schema}.${t.name}`;
    } catch {
      // A name ossduck cannot read as a table name: shown as written.
    }
    throw CatalogError.tableNotFound(shown, name.position);
  }
  return undefined;
}

function written(name: QualifiedName): string {
  return name.parts.map(quoteIdentifier).join('.');
}

/** `ALTER TABLE t RENAME TO u`: an object table everywhere at once, or a DuckDB table or view. */
export async function handleRenameTable(statement: RenameTableStatement, context: HandlerContext): Promise<undefined> {
  const from = await projectTable(statement.name, context);
  if (from && (await renameTable(context.catalogStatements, from, context.namespace.tableName(statement.to)))) return undefined;
  return onDuckTable(context, statement.name, from, `ALTER TABLE ${written(statement.name)} RENAME TO ${written(statement.to)}`);
}

/** `ALTER TABLE t SET TBLPROPERTIES (...)` on an object table. */
export async function handleSetTableProperties(statement: SetTablePropertiesStatement, context: HandlerContext): Promise<undefined> {
  await setTableProperties(context.catalogStatements, await context.namespace.existingTable(statement.name), statement.properties);
  return undefined;
}

/** `ALTER TABLE t UNSET TBLPROPERTIES [IF EXISTS] (...)` on an object table. */
export async function handleUnsetTableProperties(statement: UnsetTablePropertiesStatement, context: HandlerContext): Promise<undefined> {
  await unsetTableProperties(context.catalogStatements, await context.namespace.existingTable(statement.name), statement.keys, statement.ifExists);
  return undefined;
}

/** `ALTER TABLE t SET COMMENT '...'`: an object table's, or a DuckDB table's (COMMENT ON TABLE). */
export async function handleSetTableComment(statement: SetTableCommentStatement, context: HandlerContext): Promise<undefined> {
  const table = await projectTable(statement.name, context);
  if (table && (await setTableComment(context.catalogStatements, table, statement.comment))) return undefined;
  const text = statement.comment === '' ? 'NULL' : quoteLiteral(statement.comment);
  return onDuckTable(context, statement.name, table, `COMMENT ON TABLE ${written(statement.name)} IS ${text}`);
}
