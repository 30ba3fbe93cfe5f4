import { CatalogError } from '../../catalog/CatalogError.js';
import type { NewObjectTable } from '../../catalog/ObjectTableStore.js';
import { readTableUrlProperties } from '../../catalog/TableUrlProperties.js';
import { parseOssLocation, scopeOfLocation } from '../../oss/OssLocation.js';
import { positioned, positionedSync } from '../../OssduckError.js';
import type { CreateObjectTableStatement } from '../../sql/DialectStatement.js';
import { SqlError } from '../../sql/SqlError.js';
import type { HandlerContext } from './HandlerContext.js';

const ROLE_ARN = /^acs:ram::\d+:role\/[A-Za-z0-9._@-]{1,64}$/i;

/**
 * `CREATE OBJECT TABLE [IF NOT EXISTS] name LOCATION 'oss://...' [WITH
 * SERDEPROPERTIES (...)] [TBLPROPERTIES (...)] [COMMENT '...']`: checks the
 * location, the role ARN and ossduck's URL properties, then makes the table.
 */
export async function handleCreateObjectTable(statement: CreateObjectTableStatement, context: HandlerContext): Promise<undefined> {
  const { namespace, catalog } = context;
  const at = statement.name.position;
  const name = namespace.tableName(statement.name);
  namespace.requireProject(name.project, statement.name);
  if (!(await catalog.hasSchema(name.project, name.schema))) throw CatalogError.schemaNotFound(name.project, name.schema, at);
  const serde = Object.fromEntries(statement.serdeProperties);
  const tbl = Object.fromEntries(statement.tblProperties);
  const [location, scope] = positionedSync(statement.locationPosition, () => {
    const parsed = parseOssLocation(statement.location);
    return [parsed, scopeOfLocation(parsed, serde['ossduck.region'] ?? tbl['ossduck.region'])] as const;
  });
  const roleArn = serde['odps.properties.rolearn'];
  if (roleArn !== undefined && !ROLE_ARN.test(roleArn)) {
    throw SqlError.semantic(
      `odps.properties.rolearn '${roleArn}' is not a RAM role ARN: expected acs:ram::<account id>:role/<role name>, e.g. acs:ram::1234567890:role/aliyunodpsdefaultrole`,
      at,
    );
  }
  positionedSync(at, () => readTableUrlProperties(tbl, serde));
  const definition: NewObjectTable = {
    ...name,
    location,
    region: scope.region,
    product: scope.product,
    roleArn,
    serdeProperties: serde,
    tblProperties: tbl,
    comment: statement.comment,
    createdAt: new Date(context.clock()).toISOString(),
  };
  await positioned(at, () => catalog.createObjectTable(definition, { ifNotExists: statement.ifNotExists }));
  return undefined;
}
