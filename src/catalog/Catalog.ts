import { CatalogError } from './CatalogError.js';
import { DEFAULT_SCHEMA, fullTableName } from './TableName.js';
import { OBJECT_TABLE_COLUMNS, qualifiedName } from './ObjectTable.js';
import type { MetadataRow, ObjectTableDefinition } from './ObjectTable.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quoteIdentifier.js';
import type { CatalogSnapshot, ProjectRecord, SchemaRecord, Warehouse } from './Warehouse.js';

/** Runs ossduck's own statements against DuckDB. */
export interface CatalogDatabase {
  run(sql: string): Promise<void>;
  /** Appends metadata rows to a table. */
  appendMetadata(catalog: string, schema: string, table: string, rows: readonly MetadataRow[]): Promise<void>;
}

const METADATA_COLUMNS = OBJECT_TABLE_COLUMNS.map((c) => `${quoteIdentifier(c.name)} ${c.duckType}`).join(', ');




interface ProjectState {
  readonly name: string;
  readonly createdAt: string;
  readonly schemas: Map<string, SchemaRecord>;
  readonly settings: Map<string, string>;
}

/**
 * Projects, schemas and object-table definitions. A project is a DuckDB
 * database attached under the project's name, a schema a DuckDB schema in it,
 * and an object table's metadata a DuckDB table of the fixed object-table
 * columns; the definitions (location, role ARN, properties) stay here, out of
 * SQL's reach. Every change is saved to the warehouse.
 */
export class Catalog {
  readonly #db: CatalogDatabase;
  readonly #warehouse: Warehouse;
  readonly #projects = new Map<string, ProjectState>();
  readonly #tables = new Map<string, ObjectTableDefinition>();
  #refreshes = 0;
  readonly #now: () => Date;

  private constructor(db: CatalogDatabase, warehouse: Warehouse, now: () => Date) {
    this.#db = db;
    this.#warehouse = warehouse;
    this.#now = now;
  }

  /** Opens the catalog of `warehouse`, attaching every project it has. */
  static async open(db: CatalogDatabase, warehouse: Warehouse, now: () => Date = () => new Date()): Promise<Catalog> {
    const catalog = new Catalog(db, warehouse, now);
    const snapshot = await warehouse.load();
    if (snapshot) {
      for (const project of snapshot.projects) {
        await catalog.#attach(project.name);
        const schemas = new Map(project.schemas.map((s) => [s.name, s] as const));
        catalog.#projects.set(project.name, {
          name: project.name,
          createdAt: project.createdAt,
          schemas,
          settings: new Map(Object.entries(project.settings ?? {})),
        });
      }
      for (const project of snapshot.projects) {
        for (const schema of project.schemas) {
          await db.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(project.name)}.${quoteIdentifier(schema.name)}`);
        }
      }
      for (const table of snapshot.tables) {
        catalog.#tables.set(qualifiedName(table), table);
        // A definition whose metadata table is missing (a process stopped between the two) gets an empty one.
        await db.run(`CREATE TABLE IF NOT EXISTS ${catalog.#duckName(table)} (${METADATA_COLUMNS})`);
      }
    }
    return catalog;
  }

  get warehouse(): Warehouse {
    return this.#warehouse;
  }

  hasProject(project: string): boolean {
    return this.#projects.has(project);
  }

  projectNames(): string[] {
    return [...this.#projects.keys()].sort();
  }

  /** Creates and attaches `project` (with its `default` schema) if it is new. */
  async ensureProject(project: string): Promise<void> {
    if (this.#projects.has(project)) return;
    await this.#attach(project);
    await this.#db.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(project)}.${quoteIdentifier(DEFAULT_SCHEMA)}`);
    const createdAt = this.#now().toISOString();
    const schemas = new Map<string, SchemaRecord>([[DEFAULT_SCHEMA, { name: DEFAULT_SCHEMA, comment: undefined, createdAt }]]);
    this.#projects.set(project, { name: project, createdAt, schemas, settings: new Map() });
    await this.#save();
  }

  hasSchema(project: string, schema: string): boolean {
    return this.#projects.get(project)?.schemas.has(schema) ?? false;
  }

  schemas(project: string): SchemaRecord[] {
    return [...(this.#projects.get(project)?.schemas.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Creates a schema; an existing one is an error unless `ifNotExists`. Returns whether it was created. */
  async createSchema(project: string, schema: string, options: { ifNotExists: boolean; comment?: string | undefined }): Promise<boolean> {
    const state = this.#project(project);
    if (state.schemas.has(schema)) {
      if (options.ifNotExists) return false;
      throw CatalogError.schemaExists(project, schema);
    }
    await this.#db.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(project)}.${quoteIdentifier(schema)}`);
    state.schemas.set(schema, { name: schema, comment: options.comment, createdAt: this.#now().toISOString() });
    await this.#save();
    return true;
  }

  objectTable(project: string, schema: string, name: string): ObjectTableDefinition | undefined {
    return this.#tables.get(`${project}.${schema}.${name}`);
  }

  /** The object table a function's `full_object_table_name` argument names (see fullTableName); an error naming `fn` when none. */
  objectTableNamed(text: string, fn: string, namespaceSchema: boolean): ObjectTableDefinition {
    const name = fullTableName(text, fn, namespaceSchema);
    const table = this.objectTable(name.project, name.schema, name.name);
    if (!table) throw CatalogError.noObjectTable(fn, qualifiedName(name));
    return table;
  }

  objectTables(project?: string, schema?: string): ObjectTableDefinition[] {
    return [...this.#tables.values()]
      .filter((t) => (project === undefined || t.project === project) && (schema === undefined || t.schema === schema))
      .sort((a, b) => qualifiedName(a).localeCompare(qualifiedName(b)));
  }

  /**
   * Creates an object table: its definition, and an empty DuckDB table for its
   * metadata. An existing table of that name is an error unless `ifNotExists`.
   * Returns whether the table was created.
   */
  async createObjectTable(definition: ObjectTableDefinition, options: { ifNotExists: boolean }): Promise<boolean> {
    const name = qualifiedName(definition);
    if (!this.hasSchema(definition.project, definition.schema)) throw CatalogError.schemaNotFound(definition.project, definition.schema);
    if (this.#tables.has(name)) {
      if (options.ifNotExists) return false;
      throw CatalogError.tableExists(name);
    }
    try {
      await this.#db.run(`CREATE TABLE ${this.#duckName(definition)} (${METADATA_COLUMNS})`);
    } catch (error) {
      if (/already exists/i.test(String((error as Error).message))) {
        if (options.ifNotExists) return false;
        throw CatalogError.tableExists(name);
      }
      throw error;
    }
    if (definition.comment !== undefined) {
      await this.#db.run(`COMMENT ON TABLE ${this.#duckName(definition)} IS ${quoteLiteral(definition.comment)}`);
    }
    this.#tables.set(name, definition);
    await this.#save();
    return true;
  }

  /** Forgets an object table's definition and drops its metadata table. Returns whether it existed. */
  async dropObjectTable(project: string, schema: string, name: string): Promise<boolean> {
    const key = `${project}.${schema}.${name}`;
    const definition = this.#tables.get(key);
    if (!definition) return false;
    this.#tables.delete(key);
    await this.#save();
    await this.#db.run(`DROP TABLE IF EXISTS ${this.#duckName(definition)}`);
    return true;
  }

  /**
   * Drops a schema. `default` cannot be dropped. A schema with tables needs
   * `cascade`, which drops them too. Returns whether it existed.
   */
  async dropSchema(project: string, schema: string, options: { cascade: boolean; tableCount: number }): Promise<boolean> {
    const state = this.#project(project);
    if (!state.schemas.has(schema)) return false;
    if (schema === DEFAULT_SCHEMA) {
      throw CatalogError.schemaInUse(`schema ${DEFAULT_SCHEMA} of project ${project} cannot be dropped`);
    }
    if (options.tableCount > 0 && !options.cascade) {
      throw CatalogError.schemaInUse(
        `schema ${project}.${schema} has ${options.tableCount} table(s); drop them first or use DROP SCHEMA ... CASCADE`,
      );
    }
    for (const table of this.objectTables(project, schema)) this.#tables.delete(qualifiedName(table));
    state.schemas.delete(schema);
    await this.#save();
    await this.#db.run(`DROP SCHEMA IF EXISTS ${quoteIdentifier(project)}.${quoteIdentifier(schema)} CASCADE`);
    return true;
  }

  /**
   * Replaces an object table's metadata with `pages`, atomically: the rows go
   * to a temporary staging table first and replace the old ones in one DuckDB
   * transaction, so a listing that fails part-way (or a process killed
   * meanwhile) leaves the previous metadata as it was. Returns the row count.
   */
  async refreshMetadata(
    table: ObjectTableDefinition,
    pages: AsyncIterable<readonly MetadataRow[]>,
    onProgress?: (rows: number) => void,
  ): Promise<number> {
    const name = qualifiedName(table);
    if (!this.#tables.has(name)) throw CatalogError.tableNotFound(name);
    const stage = `__ossduck_refresh_${process.pid}_${++this.#refreshes}`;
    await this.#db.run(`CREATE TEMP TABLE ${quoteIdentifier(stage)} (${METADATA_COLUMNS})`);
    let count = 0;
    try {
      for await (const rows of pages) {
        if (rows.length === 0) continue;
        await this.#db.appendMetadata('temp', 'main', stage, rows);
        count += rows.length;
        onProgress?.(count);
      }
      await this.#db.run('BEGIN TRANSACTION');
      try {
        await this.#db.run(`DELETE FROM ${this.#duckName(table)}`);
        await this.#db.run(`INSERT INTO ${this.#duckName(table)} SELECT * FROM temp.main.${quoteIdentifier(stage)} ORDER BY key`);
        await this.#db.run('COMMIT');
      } catch (error) {
        await this.#db.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      await this.#db.run(`DROP TABLE IF EXISTS temp.main.${quoteIdentifier(stage)}`).catch(() => undefined);
    }
    this.#tables.set(name, { ...this.#tables.get(name)!, lastRefreshedAt: this.#now().toISOString() });
    await this.#save();
    return count;
  }

  /** A project's settings (SETPROJECT), in the order set. */
  projectSettings(project: string): ReadonlyMap<string, string> {
    return this.#project(project).settings;
  }

  /** Sets a project setting (an empty value removes it) and keeps it in the warehouse. */
  async setProjectSetting(project: string, key: string, value: string): Promise<void> {
    const settings = this.#project(project).settings;
    if (value === '') settings.delete(key);
    else settings.set(key, value);
    await this.#save();
  }

  #duckName(table: { project: string; schema: string; name: string }): string {
    return `${quoteIdentifier(table.project)}.${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}`;
  }

  #project(project: string): ProjectState {
    const state = this.#projects.get(project);
    if (!state) throw CatalogError.invalidName(`project ${project} does not exist; run USE ${project} first`);
    return state;
  }

  async #attach(project: string): Promise<void> {
    try {
      await this.#db.run(`ATTACH ${quoteLiteral(this.#warehouse.projectDatabase(project))} AS ${quoteIdentifier(project)}`);
    } catch (error) {
      const message = String((error as Error).message);
      if (/Could not set lock/i.test(message)) {
        const pid = /\(PID (\d+)\)/.exec(message)?.[1];
        throw CatalogError.inUse(this.#warehouse.description, pid ? ` (PID ${pid})` : '');
      }
      if (/^Permission Error: .*disabled by configuration/i.test(message)) {
        throw CatalogError.invalidName(
          `project ${project} cannot be opened in ${this.#warehouse.description}: DuckDB's file access is off (enable_external_access=false); ` +
            'use a project that is open already, or create it before turning file access off',
        );
      }
      throw error;
    }
  }

  #snapshot(): CatalogSnapshot {
    const projects: ProjectRecord[] = [...this.#projects.values()].map((p) => ({
      name: p.name,
      createdAt: p.createdAt,
      schemas: [...p.schemas.values()],
      settings: Object.fromEntries(p.settings),
    }));
    return { version: 1, projects, tables: [...this.#tables.values()] };
  }

  async #save(): Promise<void> {
    await this.#warehouse.save(this.#snapshot());
  }
}
