import type { DuckDBValue } from '@duckdb/node-api';
import { quoteIdentifier, quoteLiteral } from '../sql/quoteIdentifier.js';
import type { CatalogDatabase } from './CatalogDatabase.js';
import { CatalogError } from './CatalogError.js';
import { catalogTable } from './catalogTables.js';
import { inTransaction } from './inTransaction.js';
import { metadataColumnsSql, qualifiedName } from './ObjectTable.js';
import type { MetadataRow, ObjectTableDefinition } from './ObjectTable.js';
import { CATALOG_SCHEMA, objectTableIdOf, objectTableViewSql, storageName } from './objectTableView.js';

const METADATA_COLUMNS = metadataColumnsSql();

/** An object table as the catalog keeps it: its definition and the number of its metadata table. */
export interface StoredObjectTable {
  readonly id: number;
  readonly definition: ObjectTableDefinition;
}

/** What a new object table is: everything but what the view itself holds later (the refresh time). */
export type NewObjectTable = Omit<ObjectTableDefinition, 'lastRefreshedAt'>;

function text(value: DuckDBValue): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

function properties(value: DuckDBValue): Record<string, string> {
  try {
    const parsed = JSON.parse(String(value)) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

let refreshes = 0;

/**
 * Object tables, kept in DuckDB: each is a view (its name, schema and comment)
 * over a metadata table of ossduck's catalog schema, and a row of
 * `__ossduck.object_tables` (location, region, role, properties). DuckDB's
 * catalog is the one list of which exist; a definition whose view is gone is
 * no object table.
 */
export class ObjectTableStore {
  readonly #db: CatalogDatabase;

  constructor(db: CatalogDatabase) {
    this.#db = db;
  }

  /** Every object table of `projects`, by qualified name order. */
  async list(projects: readonly string[]): Promise<StoredObjectTable[]> {
    if (projects.length === 0) return [];
    const views = await this.#db.query(
      `SELECT database_name, schema_name, view_name, sql, comment FROM duckdb_views()
       WHERE NOT internal AND NOT temporary AND database_name IN (${projects.map(quoteLiteral).join(', ')}) AND schema_name <> ${quoteLiteral(CATALOG_SCHEMA)}`,
    );
    const found: StoredObjectTable[] = [];
    const definitions = new Map<string, Map<number, DuckDBValue[]>>();
    for (const [database, schema, name, sql, comment] of views) {
      const project = String(database);
      const id = objectTableIdOf(project, String(sql));
      if (id === undefined) continue;
      let rows = definitions.get(project);
      if (!rows) {
        rows = new Map((await this.#db.query(`SELECT * FROM ${catalogTable(project, 'object_tables')}`)).map((r) => [Number(r[0]), r] as const));
        definitions.set(project, rows);
      }
      const row = rows.get(id);
      if (!row) continue;
      found.push({ id, definition: this.#definition(project, String(schema), String(name), text(comment ?? null), row) });
    }
    return found.sort((a, b) => qualifiedName(a.definition).localeCompare(qualifiedName(b.definition)));
  }

  async find(project: string, schema: string, name: string): Promise<StoredObjectTable | undefined> {
    return (await this.list([project])).find((t) => t.definition.schema === schema && t.definition.name === name);
  }

  /**
   * Creates an object table: its metadata table, its view and its definition,
   * in one transaction. A table or view of that name is an error unless
   * `ifNotExists`. Returns whether the table was created.
   */
  async create(table: NewObjectTable, options: { ifNotExists: boolean }): Promise<boolean> {
    const { project, schema, name } = table;
    return inTransaction(this.#db, async () => {
      const taken = await this.#db.query(
        `SELECT 1 FROM duckdb_tables() WHERE database_name = ${quoteLiteral(project)} AND schema_name = ${quoteLiteral(schema)} AND table_name = ${quoteLiteral(name)}
         UNION ALL SELECT 1 FROM duckdb_views() WHERE database_name = ${quoteLiteral(project)} AND schema_name = ${quoteLiteral(schema)} AND view_name = ${quoteLiteral(name)}`,
      );
      if (taken.length > 0) {
        if (options.ifNotExists) return false;
        throw CatalogError.tableExists(qualifiedName(table));
      }
      const [[last]] = (await this.#db.query(`SELECT coalesce(max(id), 0) FROM ${catalogTable(project, 'object_tables')}`)) as [[DuckDBValue]];
      const id = Number(last) + 1;
      await this.#db.run(`CREATE TABLE ${storageName(project, id)} (${METADATA_COLUMNS})`);
      await this.#db.run(objectTableViewSql(project, schema, name, id));
      if (table.comment !== undefined) await this.#db.run(`COMMENT ON VIEW ${this.#viewName(table)} IS ${quoteLiteral(table.comment)}`);
      const values = [
        String(id),
        quoteLiteral(table.location.endpoint),
        quoteLiteral(table.location.bucket),
        quoteLiteral(table.location.prefix),
        quoteLiteral(table.region),
        quoteLiteral(table.product),
        table.roleArn === undefined ? 'NULL' : quoteLiteral(table.roleArn),
        quoteLiteral(JSON.stringify(table.serdeProperties)),
        quoteLiteral(JSON.stringify(table.tblProperties)),
        quoteLiteral(table.createdAt),
        'NULL',
      ];
      await this.#db.run(`INSERT INTO ${catalogTable(project, 'object_tables')} VALUES (${values.join(', ')})`);
      return true;
    });
  }

  /** Drops an object table (view, metadata and definition) in one transaction. Returns whether it existed. */
  async drop(project: string, schema: string, name: string): Promise<boolean> {
    return inTransaction(this.#db, async () => {
      const stored = await this.find(project, schema, name);
      if (!stored) return false;
      await this.#db.run(`DROP VIEW ${this.#viewName(stored.definition)}`);
      await this.#forget(project, stored.id);
      return true;
    });
  }

  /** Renames an object table within its schema (the view: its definition stays with it). */
  async rename(stored: StoredObjectTable, to: string): Promise<void> {
    const { project, schema } = stored.definition;
    await inTransaction(this.#db, async () => {
      const taken = await this.#db.query(
        `SELECT 1 FROM duckdb_tables() WHERE database_name = ${quoteLiteral(project)} AND schema_name = ${quoteLiteral(schema)} AND table_name = ${quoteLiteral(to)}
         UNION ALL SELECT 1 FROM duckdb_views() WHERE database_name = ${quoteLiteral(project)} AND schema_name = ${quoteLiteral(schema)} AND view_name = ${quoteLiteral(to)}`,
      );
      if (taken.length > 0) throw CatalogError.tableExists(`${project}.${schema}.${to}`);
      await this.#db.run(`ALTER VIEW ${this.#viewName(stored.definition)} RENAME TO ${quoteIdentifier(to)}`);
    });
  }

  /** Replaces an object table's TBLPROPERTIES. */
  async setTableProperties(stored: StoredObjectTable, properties: Readonly<Record<string, string>>): Promise<void> {
    await this.#db.run(
      `UPDATE ${catalogTable(stored.definition.project, 'object_tables')} SET tbl_properties = ${quoteLiteral(JSON.stringify(properties))} WHERE id = ${stored.id}`,
    );
  }

  /** Sets (or with undefined, removes) an object table's comment: the comment of its view. */
  async setComment(stored: StoredObjectTable, comment: string | undefined): Promise<void> {
    await this.#db.run(`COMMENT ON VIEW ${this.#viewName(stored.definition)} IS ${comment === undefined ? 'NULL' : quoteLiteral(comment)}`);
  }

  /** Drops the metadata table and definition of object table `id` (its view is gone or going). */
  async #forget(project: string, id: number): Promise<void> {
    await this.#db.run(`DROP TABLE IF EXISTS ${storageName(project, id)}`);
    await this.#db.run(`DELETE FROM ${catalogTable(project, 'object_tables')} WHERE id = ${id}`);
  }

  /** Drops the metadata and definitions of every object table in a schema about to be dropped. */
  async dropAllIn(project: string, schema: string): Promise<void> {
    for (const stored of (await this.list([project])).filter((t) => t.definition.schema === schema)) await this.#forget(project, stored.id);
  }

  /**
   * Replaces an object table's metadata with `pages`: the rows go to a
   * temporary staging table first and replace the old ones in one
   * transaction (the user's, when one is open), so a listing that fails
   * part-way, or a process killed meanwhile, leaves the previous metadata as
   * it was. Returns the row count.
   */
  async refresh(table: StoredObjectTable, pages: AsyncIterable<readonly MetadataRow[]>, at: string, onProgress?: (rows: number) => void): Promise<number> {
    const { project } = table.definition;
    const stage = `__ossduck_refresh_${process.pid}_${++refreshes}`;
    await this.#db.run(`CREATE TEMP TABLE ${quoteIdentifier(stage)} (${METADATA_COLUMNS})`);
    let count = 0;
    try {
      count = await this.#db.appendMetadata('temp', 'main', stage, pages, onProgress);
      await inTransaction(this.#db, async () => {
        await this.#db.run(`DELETE FROM ${storageName(project, table.id)}`);
        await this.#db.run(`INSERT INTO ${storageName(project, table.id)} SELECT * FROM temp.main.${quoteIdentifier(stage)} ORDER BY key`);
        await this.#db.run(`UPDATE ${catalogTable(project, 'object_tables')} SET last_refreshed_at = ${quoteLiteral(at)} WHERE id = ${table.id}`);
      });
    } finally {
      await this.#db.run(`DROP TABLE IF EXISTS temp.main.${quoteIdentifier(stage)}`).catch(() => undefined);
    }
    return count;
  }

  #viewName(t: { project: string; schema: string; name: string }): string {
    return `${quoteIdentifier(t.project)}.${quoteIdentifier(t.schema)}.${quoteIdentifier(t.name)}`;
  }

  #definition(project: string, schema: string, name: string, comment: string | undefined, row: DuckDBValue[]): ObjectTableDefinition {
    const [, endpoint, bucket, prefix, region, product, roleArn, serde, tbl, createdAt, refreshedAt] = row;
    return {
      project,
      schema,
      name,
      location: { endpoint: String(endpoint), bucket: String(bucket), prefix: String(prefix) },
      region: String(region),
      product: String(product),
      roleArn: text(roleArn ?? null),
      serdeProperties: properties(serde ?? null),
      tblProperties: properties(tbl ?? null),
      comment,
      createdAt: String(createdAt),
      lastRefreshedAt: text(refreshedAt ?? null),
    };
  }
}

