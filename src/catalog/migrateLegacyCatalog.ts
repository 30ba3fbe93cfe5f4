import { readFileSync } from 'node:fs';
import { quoteIdentifier, quoteLiteral } from '../sql/quoteIdentifier.js';
import type { Catalog } from './Catalog.js';
import { CatalogError } from './CatalogError.js';
import { catalogTable } from './catalogTables.js';
import { inTransaction } from './inTransaction.js';
import { metadataColumnsSql } from './ObjectTable.js';
import type { ObjectTableDefinition } from './ObjectTable.js';
import { objectTableViewSql, storageName } from './objectTableView.js';

/** The catalog.json of warehouses made before each project held its own catalog. */
interface LegacyCatalog {
  readonly version: 1;
  readonly projects: readonly {
    readonly name: string;
    readonly schemas: readonly { readonly name: string; readonly comment?: string; readonly createdAt: string }[];
    readonly settings?: Readonly<Record<string, string>>;
  }[];
  readonly tables: readonly ObjectTableDefinition[];
}

function read(file: string): LegacyCatalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw CatalogError.io(`cannot read ${file}: ${(error as Error).message}`);
  }
  let parsed: LegacyCatalog;
  try {
    parsed = JSON.parse(text) as LegacyCatalog;
  } catch (error) {
    throw CatalogError.io(`${file} is damaged (${(error as Error).message}); restore it or open another --db`);
  }
  if (parsed?.version !== 1 || !Array.isArray(parsed.projects) || !Array.isArray(parsed.tables)) {
    throw CatalogError.io(`${file} is not an ossduck catalog of a version this ossduck reads`);
  }
  return parsed;
}

/**
 * Moves a warehouse's `catalog.json` into its projects: each project's
 * schemas, settings and object tables (whose metadata tables become object
 * tables' metadata, behind views) are written into the project's own
 * catalog in one transaction per project, and `catalog.json` is then set
 * aside as `catalog.json.migrated`. A project that already has its catalog
 * (a migration cut short and run again) is left as it is.
 */
export async function migrateLegacyCatalog(catalog: Catalog, file: string): Promise<void> {
  const legacy = read(file);
  const db = catalog.database;
  for (const project of legacy.projects) {
    const fresh = !catalog.warehouse.projectNames().includes(project.name);
    await catalog.ensureProject(project.name);
    if (!fresh && (await catalog.objectTables(project.name)).length > 0) continue;
    await inTransaction(db, async () => {
      const known = new Set((await catalog.schemas(project.name)).map((s) => s.name));
      for (const schema of project.schemas) {
        await db.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(project.name)}.${quoteIdentifier(schema.name)}`);
        await db.run(`DELETE FROM ${catalogTable(project.name, 'schemas')} WHERE name = ${quoteLiteral(schema.name)}`);
        const comment = schema.comment === undefined ? 'NULL' : quoteLiteral(schema.comment);
        await db.run(`INSERT INTO ${catalogTable(project.name, 'schemas')} VALUES (${quoteLiteral(schema.name)}, ${comment}, ${quoteLiteral(schema.createdAt)})`);
        known.delete(schema.name);
      }
      for (const [key, value] of Object.entries(project.settings ?? {})) {
        await db.run(`DELETE FROM ${catalogTable(project.name, 'project_settings')} WHERE key = ${quoteLiteral(key)}`);
        await db.run(`INSERT INTO ${catalogTable(project.name, 'project_settings')} VALUES (${quoteLiteral(key)}, ${quoteLiteral(value)})`);
      }
      let id = 0;
      for (const table of legacy.tables.filter((t) => t.project === project.name)) {
        id++;
        const old = `${quoteIdentifier(table.project)}.${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}`;
        const exists = await db.query(
          `SELECT 1 FROM duckdb_tables() WHERE database_name = ${quoteLiteral(table.project)} AND schema_name = ${quoteLiteral(table.schema)} AND table_name = ${quoteLiteral(table.name)}`,
        );
        if (exists.length > 0) {
          await db.run(`CREATE TABLE ${storageName(table.project, id)} AS SELECT * FROM ${old}`);
          await db.run(`DROP TABLE ${old}`);
        } else {
          await db.run(`CREATE TABLE ${storageName(table.project, id)} (${metadataColumnsSql()})`);
        }
        await db.run(objectTableViewSql(table.project, table.schema, table.name, id));
        if (table.comment !== undefined) await db.run(`COMMENT ON VIEW ${old} IS ${quoteLiteral(table.comment)}`);
        const values = [
          String(id),
          quoteLiteral(table.location.endpoint),
          quoteLiteral(table.location.bucket),
          quoteLiteral(table.location.prefix),
          quoteLiteral(table.region),
          quoteLiteral(table.product),
          table.roleArn === undefined ? 'NULL' : quoteLiteral(table.roleArn),
          quoteLiteral(JSON.stringify(table.serdeProperties ?? {})),
          quoteLiteral(JSON.stringify(table.tblProperties ?? {})),
          quoteLiteral(table.createdAt),
          table.lastRefreshedAt === undefined ? 'NULL' : quoteLiteral(table.lastRefreshedAt),
        ];
        await db.run(`INSERT INTO ${catalogTable(table.project, 'object_tables')} VALUES (${values.join(', ')})`);
      }
    });
  }
  catalog.warehouse.retireLegacyCatalog();
}
