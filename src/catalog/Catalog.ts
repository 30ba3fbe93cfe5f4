import type { DuckDBValue } from '@duckdb/node-api';
import { quoteIdentifier, quoteLiteral } from '../sql/quoteIdentifier.js';
import type { CatalogDatabase } from './CatalogDatabase.js';
import { CatalogError } from './CatalogError.js';
import { CATALOG_VERSION, catalogTable, catalogTablesSql } from './catalogTables.js';
import { inTransaction } from './inTransaction.js';
import type { MetadataRow, ObjectTableDefinition } from './ObjectTable.js';
import { ObjectTableStore } from './ObjectTableStore.js';
import type { NewObjectTable } from './ObjectTableStore.js';
import { projectFailure } from './projectFailure.js';
import { DEFAULT_SCHEMA } from './TableName.js';
import type { Warehouse } from './Warehouse.js';

export type { CatalogDatabase } from './CatalogDatabase.js';

export interface SchemaRecord {
  readonly name: string;
  readonly comment: string | undefined;
  readonly createdAt: string;
}

/** DuckDB's own schemas in every database: none of them is a MaxCompute schema. */
const DUCKDB_SCHEMAS = new Set(['main', 'information_schema', 'pg_catalog']);

/**
 * Projects, schemas and object tables, kept inside each project's DuckDB
 * database, so every change commits or rolls back with the DuckDB statements
 * around it, a user's BEGIN ... ROLLBACK included. A project is a DuckDB
 * database attached under the project's name, attached when first used; a
 * schema is a DuckDB schema in it with a row of `__ossduck.schemas`; an
 * object table is a view over ossduck's metadata table (ObjectTableStore).
 */
export class Catalog {
  readonly #db: CatalogDatabase;
  readonly #warehouse: Warehouse;
  readonly #now: () => Date;
  readonly #attached = new Set<string>();
  readonly #tables: ObjectTableStore;

  private constructor(db: CatalogDatabase, warehouse: Warehouse, now: () => Date) {
    this.#db = db;
    this.#warehouse = warehouse;
    this.#now = now;
    this.#tables = new ObjectTableStore(db);
  }

  /** Opens the catalog of `warehouse` (no project is attached yet). */
  static async open(db: CatalogDatabase, warehouse: Warehouse, now: () => Date = () => new Date()): Promise<Catalog> {
    return new Catalog(db, warehouse, now);
  }

  get warehouse(): Warehouse {
    return this.#warehouse;
  }

  get database(): CatalogDatabase {
    return this.#db;
  }

  /** The projects of the warehouse and those attached now, sorted. */
  projectNames(): string[] {
    return [...new Set([...this.#warehouse.projectNames(), ...this.#attached])].sort();
  }

  hasProject(project: string): boolean {
    return this.#attached.has(project) || this.#warehouse.projectNames().includes(project);
  }

  /** The projects attached to DuckDB now (their names resolve in SQL). */
  attachedProjects(): string[] {
    return [...this.#attached].sort();
  }

  /** Attaches `project` if the warehouse has it and it is not attached yet; returns whether it is attached now. */
  async attach(project: string): Promise<boolean> {
    if (this.#attached.has(project)) return true;
    if (!this.#warehouse.projectNames().includes(project)) return false;
    await this.#attachFile(project);
    return true;
  }

  /** Attaches `project`, creating it (with its `default` schema) when the warehouse has none of that name. */
  async ensureProject(project: string): Promise<void> {
    if (await this.attach(project)) return;
    const other = await this.#db.query(`SELECT 1 FROM duckdb_databases() WHERE database_name = ${quoteLiteral(project)}`);
    if (other.length > 0) {
      throw CatalogError.invalidName(`${project} is a DuckDB database attached with ATTACH, not an ossduck project; DETACH it, or use another project name`);
    }
    const attachAs = async (alias: string, path: string): Promise<void> => {
      await this.#run(`ATTACH ${quoteLiteral(path)} AS ${quoteIdentifier(alias)}`, project);
      await inTransaction(this.#db, () => this.#initialize(alias, []));
    };
    if (this.#warehouse.inMemory) {
      await attachAs(project, ':memory:');
      this.#attached.add(project);
      return;
    }
    const alias = `__ossduck_new_${project}`;
    await this.#warehouse.createProject(project, async (path) => {
      await attachAs(alias, path);
      await this.#run(`DETACH ${quoteIdentifier(alias)}`, project);
    });
    await this.#attachFile(project);
  }

  /** Every MaxCompute schema of `project`, by name. */
  async schemas(project: string): Promise<SchemaRecord[]> {
    await this.#require(project);
    const rows = await this.#db.query(`SELECT name, comment, created_at FROM ${catalogTable(project, 'schemas')} ORDER BY name`);
    return rows.map(([name, comment, createdAt]) => ({ name: String(name), comment: comment === null ? undefined : String(comment), createdAt: String(createdAt) }));
  }

  async hasSchema(project: string, schema: string): Promise<boolean> {
    if (!this.hasProject(project)) return false;
    return (await this.schemas(project)).some((s) => s.name === schema);
  }

  /** Creates a schema; an existing one is an error unless `ifNotExists`. Returns whether it was created. */
  async createSchema(project: string, schema: string, options: { ifNotExists: boolean; comment?: string | undefined }): Promise<boolean> {
    await this.#require(project);
    return inTransaction(this.#db, async () => {
      if (await this.hasSchema(project, schema)) {
        if (options.ifNotExists) return false;
        throw CatalogError.schemaExists(project, schema);
      }
      await this.#run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(project)}.${quoteIdentifier(schema)}`, project);
      const comment = options.comment === undefined ? 'NULL' : quoteLiteral(options.comment);
      await this.#run(`INSERT INTO ${catalogTable(project, 'schemas')} VALUES (${quoteLiteral(schema)}, ${comment}, ${quoteLiteral(this.#now().toISOString())})`, project);
      return true;
    });
  }

  /**
   * Drops a schema. `default` cannot be dropped. A schema with tables needs
   * `cascade`, which drops them too. Returns whether it existed.
   */
  async dropSchema(project: string, schema: string, options: { cascade: boolean }): Promise<boolean> {
    await this.#require(project);
    return inTransaction(this.#db, async () => {
      if (!(await this.hasSchema(project, schema))) return false;
      if (schema === DEFAULT_SCHEMA) throw CatalogError.schemaInUse(`schema ${DEFAULT_SCHEMA} of project ${project} cannot be dropped`);
      const [[count]] = (await this.#db.query(
        `SELECT (SELECT count(*) FROM duckdb_tables() WHERE database_name = ${quoteLiteral(project)} AND schema_name = ${quoteLiteral(schema)})
              + (SELECT count(*) FROM duckdb_views() WHERE database_name = ${quoteLiteral(project)} AND schema_name = ${quoteLiteral(schema)})`,
      )) as [[DuckDBValue]];
      const tables = Number(count);
      if (tables > 0 && !options.cascade) {
        throw CatalogError.schemaInUse(`schema ${project}.${schema} has ${tables} table(s); drop them first or use DROP SCHEMA ... CASCADE`);
      }
      await this.#tables.dropAllIn(project, schema);
      await this.#run(`DROP SCHEMA IF EXISTS ${quoteIdentifier(project)}.${quoteIdentifier(schema)} CASCADE`, project);
      await this.#run(`DELETE FROM ${catalogTable(project, 'schemas')} WHERE name = ${quoteLiteral(schema)}`, project);
      return true;
    });
  }

  /** The object tables of the attached projects (or of one project and schema). */
  async objectTables(project?: string, schema?: string): Promise<ObjectTableDefinition[]> {
    const projects = project === undefined ? this.attachedProjects() : this.#attached.has(project) ? [project] : [];
    const all = (await this.#tables.list(projects)).map((t) => t.definition);
    return schema === undefined ? all : all.filter((t) => t.schema === schema);
  }

  async objectTable(project: string, schema: string, name: string): Promise<ObjectTableDefinition | undefined> {
    if (!(await this.attach(project))) return undefined;
    return (await this.#tables.find(project, schema, name))?.definition;
  }

  /** Creates an object table; returns whether it was created (false: it existed and `ifNotExists`). */
  async createObjectTable(definition: NewObjectTable, options: { ifNotExists: boolean }): Promise<boolean> {
    if (!(await this.hasSchema(definition.project, definition.schema))) throw CatalogError.schemaNotFound(definition.project, definition.schema);
    return this.#guard(definition.project, () => this.#tables.create(definition, options));
  }

  /** Drops an object table with its metadata. Returns whether it existed. */
  async dropObjectTable(project: string, schema: string, name: string): Promise<boolean> {
    if (!(await this.attach(project))) return false;
    return this.#guard(project, () => this.#tables.drop(project, schema, name));
  }

  /** Replaces an object table's metadata with `pages`, atomically (ObjectTableStore.refresh). Returns the row count. */
  async refreshMetadata(table: ObjectTableDefinition, pages: AsyncIterable<readonly MetadataRow[]>, onProgress?: (rows: number) => void): Promise<number> {
    const stored = await this.#tables.find(table.project, table.schema, table.name);
    if (!stored) throw CatalogError.notObjectTable(`${table.project}.${table.schema}.${table.name}`);
    return this.#guard(table.project, () => this.#tables.refresh(stored, pages, this.#now().toISOString(), onProgress));
  }

  /** A project's settings (SETPROJECT), in key order. */
  async projectSettings(project: string): Promise<ReadonlyMap<string, string>> {
    await this.#require(project);
    const rows = await this.#db.query(`SELECT key, value FROM ${catalogTable(project, 'project_settings')} ORDER BY key`);
    return new Map(rows.map(([k, v]) => [String(k), String(v)] as const));
  }

  /** Sets a project setting (an empty value removes it), kept with the project. */
  async setProjectSetting(project: string, key: string, value: string): Promise<void> {
    await this.#require(project);
    await inTransaction(this.#db, async () => {
      await this.#run(`DELETE FROM ${catalogTable(project, 'project_settings')} WHERE key = ${quoteLiteral(key)}`, project);
      if (value !== '') await this.#run(`INSERT INTO ${catalogTable(project, 'project_settings')} VALUES (${quoteLiteral(key)}, ${quoteLiteral(value)})`, project);
    });
  }

  async #require(project: string): Promise<void> {
    if (!(await this.attach(project))) throw CatalogError.projectNotFound(project);
  }

  /** Runs a statement of the catalog's own on `project`'s database; DuckDB's failures said in the user's terms. */
  async #run(sql: string, project: string): Promise<void> {
    await this.#guard(project, () => this.#db.run(sql));
  }

  async #guard<T>(project: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw projectFailure(error, project, this.#warehouse);
    }
  }

  async #attachFile(project: string): Promise<void> {
    const path = this.#warehouse.projectPath(project);
    const mode = this.#warehouse.readOnly ? ' (READ_ONLY)' : '';
    await this.#run(`ATTACH ${quoteLiteral(path)} AS ${quoteIdentifier(project)}${mode}`, project);
    try {
      const version = await this.#version(project);
      if (version === undefined && !this.#warehouse.readOnly) {
        // A DuckDB database put in projects/ by hand: its schemas become the project's.
        await inTransaction(this.#db, () => this.#adopt(project));
      } else if (version !== CATALOG_VERSION) {
        throw CatalogError.io(`project ${project} (${path}) holds an ossduck catalog of version ${version ?? 'none'}; this ossduck reads version ${CATALOG_VERSION}`);
      }
    } catch (error) {
      await this.#db.run(`DETACH ${quoteIdentifier(project)}`).catch(() => undefined);
      throw error;
    }
    this.#attached.add(project);
  }

  async #version(alias: string): Promise<string | undefined> {
    const has = await this.#db.query(
      `SELECT 1 FROM duckdb_tables() WHERE database_name = ${quoteLiteral(alias)} AND schema_name = '__ossduck' AND table_name = 'catalog_info'`,
    );
    if (has.length === 0) return undefined;
    const rows = await this.#db.query(`SELECT value FROM ${catalogTable(alias, 'catalog_info')} WHERE key = 'version'`);
    return rows.length === 0 ? undefined : String(rows[0]![0]);
  }

  /** Makes ossduck's catalog in a database attached as `alias`, with a `default` schema and `schemas` (already there). */
  async #initialize(alias: string, schemas: readonly string[]): Promise<void> {
    for (const sql of catalogTablesSql(alias)) await this.#db.run(sql);
    const at = quoteLiteral(this.#now().toISOString());
    await this.#db.run(`INSERT INTO ${catalogTable(alias, 'catalog_info')} VALUES ('version', ${quoteLiteral(CATALOG_VERSION)}), ('created_at', ${at})`);
    await this.#db.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(alias)}.${quoteIdentifier(DEFAULT_SCHEMA)}`);
    for (const schema of new Set([DEFAULT_SCHEMA, ...schemas])) {
      await this.#db.run(`INSERT INTO ${catalogTable(alias, 'schemas')} VALUES (${quoteLiteral(schema)}, NULL, ${at})`);
    }
  }

  /** Gives a bare DuckDB database attached as `project` ossduck's catalog; its own schemas become MaxCompute schemas. */
  async #adopt(project: string): Promise<void> {
    const rows = await this.#db.query(`SELECT schema_name FROM duckdb_schemas() WHERE database_name = ${quoteLiteral(project)} AND NOT internal`);
    const schemas = rows.map(([s]) => String(s)).filter((s) => !DUCKDB_SCHEMAS.has(s) && s !== '__ossduck');
    await this.#initialize(project, schemas);
  }
}
