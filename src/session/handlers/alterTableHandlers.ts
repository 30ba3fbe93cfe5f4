import { renameTable, setTableComment, setTableProperties, unsetTableProperties } from '../../catalog/alterTable.js';
import type {
  RenameTableStatement,
  SetTableCommentStatement,
  SetTablePropertiesStatement,
  UnsetTablePropertiesStatement,
} from '../../sql/DialectStatement.js';
import type { HandlerContext } from './HandlerContext.js';

/** `ALTER TABLE t RENAME TO u`: an object table everywhere at once, or a DuckDB table or view. */
export async function handleRenameTable(statement: RenameTableStatement, context: HandlerContext): Promise<undefined> {
  const from = await context.namespace.existingTable(statement.name);
  const to = context.namespace.tableName(statement.to);
  await renameTable(context.catalogStatements, from, to);
  return undefined;
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

/** `ALTER TABLE t SET COMMENT '...'`. */
export async function handleSetTableComment(statement: SetTableCommentStatement, context: HandlerContext): Promise<undefined> {
  await setTableComment(context.catalogStatements, await context.namespace.existingTable(statement.name), statement.comment);
  return undefined;
}
