import type { DialectResult } from '../sql/DialectResult.js';
import type { DialectStatement } from '../sql/DialectStatement.js';
import {
  handleDescribe,
  handleDropSchema,
  handleDropTable,
  handleShowCreateTable,
  handleShowSchemas,
  handleShowTables,
} from './handlers/catalogHandlers.js';
import {
  handleRenameTable,
  handleSetTableComment,
  handleSetTableProperties,
  handleUnsetTableProperties,
} from './handlers/alterTableHandlers.js';
import { handleCreateObjectTable } from './handlers/createObjectTable.js';
import type { HandlerContext } from './handlers/HandlerContext.js';
import { handleCreateSchema, handleSet, handleSetProject, handleUseProject, handleUseSchema } from './handlers/namespaceHandlers.js';
import { handleRefreshMetadata } from './handlers/refreshMetadata.js';

type Handler<K extends DialectStatement['kind']> = (
  statement: Extract<DialectStatement, { kind: K }>,
  context: HandlerContext,
) => Promise<DialectResult | undefined>;

/** The handler of each of ossduck's own statements, by kind: a statement kind without one does not compile. */
export const STATEMENT_HANDLERS: { readonly [K in DialectStatement['kind']]: Handler<K> } = {
  set: handleSet,
  setProject: handleSetProject,
  useProject: handleUseProject,
  useSchema: handleUseSchema,
  createSchema: handleCreateSchema,
  createObjectTable: handleCreateObjectTable,
  describe: handleDescribe,
  showTables: handleShowTables,
  showSchemas: handleShowSchemas,
  showCreateTable: handleShowCreateTable,
  dropTable: handleDropTable,
  dropSchema: handleDropSchema,
  refreshMetadata: handleRefreshMetadata,
  renameTable: handleRenameTable,
  setTableProperties: handleSetTableProperties,
  unsetTableProperties: handleUnsetTableProperties,
  setTableComment: handleSetTableComment,
};

/** Runs one of ossduck's own statements: rows to show (DESC, SHOW ...), or none. */
export function handleStatement(statement: DialectStatement, context: HandlerContext): Promise<DialectResult | undefined> {
  const handler = STATEMENT_HANDLERS[statement.kind] as Handler<DialectStatement['kind']>;
  return handler(statement, context);
}
