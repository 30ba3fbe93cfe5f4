import { CatalogError } from '../../catalog/CatalogError.js';
import { objectName, projectName } from '../../catalog/names.js';
import { DEFAULT_SCHEMA } from '../../catalog/TableName.js';
import type { DialectResult } from '../../sql/DialectResult.js';
import type {
  CreateSchemaStatement,
  SetProjectStatement,
  SetStatement,
  UseProjectStatement,
  UseSchemaStatement,
} from '../../sql/DialectStatement.js';
import type { HandlerContext } from './HandlerContext.js';

/** `USE project[.schema]`: switches project, creating it on first use (there is no project administration to emulate). */
export async function handleUseProject(statement: UseProjectStatement, context: HandlerContext): Promise<undefined> {
  const project = projectName(statement.project);
  const schema = statement.schema === undefined ? DEFAULT_SCHEMA : objectName(statement.schema, 'schema');
  await context.catalog.ensureProject(project);
  if (!(await context.catalog.hasSchema(project, schema))) throw CatalogError.schemaNotFound(project, schema);
  await context.namespace.use(project, schema);
  return undefined;
}

/** `USE SCHEMA [project.]schema`. */
export async function handleUseSchema(statement: UseSchemaStatement, context: HandlerContext): Promise<undefined> {
  const [project, schema] = context.namespace.schemaName(statement.schema);
  if (!(await context.catalog.hasSchema(project, schema))) throw CatalogError.schemaNotFound(project, schema);
  await context.namespace.use(project, schema);
  return undefined;
}

/** `CREATE SCHEMA [IF NOT EXISTS] [project.]schema [COMMENT '...']`. */
export async function handleCreateSchema(statement: CreateSchemaStatement, context: HandlerContext): Promise<undefined> {
  const [project, schema] = context.namespace.schemaName(statement.name);
  await context.catalog.createSchema(project, schema, { ifNotExists: statement.ifNotExists, comment: statement.comment });
  await context.namespace.applySearchPath();
  return undefined;
}

/** `SET key=value`: a session setting. */
export async function handleSet(statement: SetStatement, context: HandlerContext): Promise<undefined> {
  context.settings.set(statement.key, statement.value);
  if (statement.key.toLowerCase() === 'odps.sql.timezone') await context.namespace.applyTimezone();
  return undefined;
}

/** `SETPROJECT key=value` (a project setting, kept with the project), or `SETPROJECT` alone (list them). */
export async function handleSetProject(statement: SetProjectStatement, context: HandlerContext): Promise<DialectResult | undefined> {
  const { catalog, namespace, settings } = context;
  if (statement.key === undefined) {
    return { columnNames: ['key', 'value'], rows: [...(await catalog.projectSettings(namespace.project))].map(([k, v]) => [k, v]) };
  }
  const key = statement.key.toLowerCase();
  const value = statement.value === '' ? '' : settings.validate(key, statement.value);
  await catalog.setProjectSetting(namespace.project, key, value);
  if (key === 'odps.sql.timezone') await namespace.applyTimezone();
  return undefined;
}
