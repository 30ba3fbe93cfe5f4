import { describe, dropSchema, dropTable, showCreateTable, showSchemas, showTables } from '../../catalog/catalogStatements.js';
import { objectName, projectName } from '../../catalog/names.js';
import { DEFAULT_SCHEMA } from '../../catalog/TableName.js';
import type { DialectResult } from '../../sql/DialectResult.js';
import type {
  DescribeStatement,
  DropSchemaStatement,
  DropTableStatement,
  ShowCreateTableStatement,
  ShowSchemasStatement,
  ShowTablesStatement,
} from '../../sql/DialectStatement.js';
import type { HandlerContext } from './HandlerContext.js';

/** DESC [EXTENDED]. */
export async function handleDescribe(statement: DescribeStatement, context: HandlerContext): Promise<DialectResult> {
  return describe(context.catalogStatements, await context.namespace.existingTable(statement.name), statement.extended);
}

/** SHOW CREATE TABLE. */
export async function handleShowCreateTable(statement: ShowCreateTableStatement, context: HandlerContext): Promise<DialectResult> {
  return showCreateTable(context.catalogStatements, await context.namespace.existingTable(statement.name));
}

/** SHOW TABLES [IN project[.schema]] [LIKE pattern]. */
export async function handleShowTables(statement: ShowTablesStatement, context: HandlerContext): Promise<DialectResult> {
  const { namespace } = context;
  let project = namespace.project;
  let schema = namespace.schema;
  const scope = statement.scope;
  if (scope) {
    project = projectName(scope.parts[0]!);
    schema = scope.parts.length === 2 ? objectName(scope.parts[1]!, 'schema') : DEFAULT_SCHEMA;
    namespace.requireProject(project, scope);
  }
  return showTables(context.catalogStatements, project, schema, statement.like);
}

/** SHOW SCHEMAS [IN project] [LIKE pattern]. */
export async function handleShowSchemas(statement: ShowSchemasStatement, context: HandlerContext): Promise<DialectResult> {
  const named = statement.project;
  const project = named ? projectName(named.parts[0]!) : context.namespace.project;
  context.namespace.requireProject(project, named);
  return showSchemas(context.catalogStatements, project, statement.like);
}

/** DROP TABLE [IF EXISTS]: an object table with its definition, or a DuckDB table or view. */
export async function handleDropTable(statement: DropTableStatement, context: HandlerContext): Promise<undefined> {
  await dropTable(context.catalogStatements, context.namespace.tableName(statement.name), statement.ifExists);
  return undefined;
}

/** DROP SCHEMA [IF EXISTS] [CASCADE]; dropping the current schema returns to `default`. */
export async function handleDropSchema(statement: DropSchemaStatement, context: HandlerContext): Promise<undefined> {
  const { namespace } = context;
  const [project, schema] = namespace.schemaName(statement.name);
  await dropSchema(context.catalogStatements, project, schema, { ifExists: statement.ifExists, cascade: statement.cascade });
  if (project === namespace.project && schema === namespace.schema) await namespace.use(project, DEFAULT_SCHEMA);
  else await namespace.applySearchPath();
  return undefined;
}
