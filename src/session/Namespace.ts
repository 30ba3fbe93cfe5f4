import type { Catalog } from '../catalog/Catalog.js';
import { CatalogError } from '../catalog/CatalogError.js';
import type { ObjectTableDefinition } from '../catalog/ObjectTable.js';
import { DEFAULT_SCHEMA, resolveSchemaName, resolveTableName } from '../catalog/TableName.js';
import type { NameScope, TableName } from '../catalog/TableName.js';
import type { QualifiedName } from '../sql/DialectStatement.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quoteIdentifier.js';
import { SqlError } from '../sql/SqlError.js';
import { Settings } from './Settings.js';

/**
 * The project and schema in use, and the names statements give resolved
 * against them. It keeps DuckDB's current schema, search path and time zone
 * equal to the session's: the current schema first, then every project's
 * `default` schema, so `project.table` resolves in plain DuckDB SQL too.
 */
export class Namespace {
  readonly #run: (sql: string) => Promise<void>;
  readonly #catalog: Catalog;
  readonly #settings: Settings;
  #project: string;
  #schema: string = DEFAULT_SCHEMA;
  /** The TimeZone DuckDB has now. */
  #zone: string | undefined;

  constructor(run: (sql: string) => Promise<void>, catalog: Catalog, settings: Settings, project: string) {
    this.#run = run;
    this.#catalog = catalog;
    this.#settings = settings;
    this.#project = project;
  }

  get project(): string {
    return this.#project;
  }

  get schema(): string {
    return this.#schema;
  }

  /** What partial names resolve against now. */
  scope(): NameScope {
    return { project: this.#project, schema: this.#schema, namespaceSchema: this.#settings.namespaceSchema };
  }

  /**
   * Switches to `project.schema`, with the project's settings (SETPROJECT):
   * its `odps.*` and `ossduck.*` ones below the session's own, its DuckDB
   * ones handed to DuckDB.
   */
  async use(project: string, schema: string): Promise<void> {
    const projectSettings = await this.#catalog.projectSettings(project);
    const timezone = this.#settings.timezone;
    const previous = this.#settings.projectSettings;
    this.#settings.useProjectSettings(new Map([...projectSettings].filter(([k]) => Settings.owns(k))));
    try {
      if (this.#settings.timezone !== timezone) await this.applyTimezone(this.#settings.timezone);
    } catch (error) {
      this.#settings.useProjectSettings(previous);
      throw error;
    }
    for (const [key, value] of projectSettings) {
      if (!Settings.owns(key)) await this.#run(`SET ${quoteIdentifier(key)} = ${quoteLiteral(value)}`);
    }
    this.#project = project;
    this.#schema = schema;
    await this.#run(`USE ${quoteIdentifier(project)}.${quoteIdentifier(schema)}`);
    await this.applySearchPath();
  }

  /** Reads the current project's settings again (after SETPROJECT). */
  async refreshProjectSettings(): Promise<void> {
    const projectSettings = await this.#catalog.projectSettings(this.#project);
    this.#settings.useProjectSettings(new Map([...projectSettings].filter(([k]) => Settings.owns(k))));
  }

  async applySearchPath(): Promise<void> {
    const entries = [`${this.#project}.${this.#schema}`];
    for (const project of this.#catalog.attachedProjects()) {
      const entry = `${project}.${DEFAULT_SCHEMA}`;
      if (!entries.includes(entry)) entries.push(entry);
    }
    const path = entries.map((e) => e.split('.').map(quoteIdentifier).join('.')).join(',');
    await this.#run(`SET search_path = ${quoteLiteral(path)}`);
  }

  /**
   * Makes DuckDB's TimeZone `zone` (the session's by default). Once DuckDB's
   * configuration is locked (sandbox mode, lock_configuration=true) it can
   * no longer change: that is said, naming the setting.
   */
  async applyTimezone(zone: string = this.#settings.timezone): Promise<void> {
    if (zone === this.#zone) return;
    try {
      await this.#run(`SET TimeZone = ${quoteLiteral(zone)}`);
      this.#zone = zone;
    } catch (error) {
      if (!/configuration has been locked/i.test(String((error as Error)?.message))) throw error;
      throw SqlError.semantic(
        `odps.sql.timezone cannot change to ${zone}: DuckDB's configuration is locked (lock_configuration=true, as in sandbox mode); give odps.sql.timezone when ossduck starts (--set odps.sql.timezone=${zone})`,
      );
    }
  }

  /** The `[project.]schema` a statement names; its project must exist. */
  schemaName(name: QualifiedName): [string, string] {
    const [project, schema] = resolveSchemaName(name.parts, this.scope(), name.position);
    this.requireProject(project, name);
    return [project, schema];
  }

  /** The table a statement names, resolved (its project and schema need not exist). */
  tableName(name: QualifiedName): TableName {
    return resolveTableName(name.parts, this.scope(), name.position);
  }

  /** A table name whose project and schema exist (DESC, SHOW CREATE TABLE). */
  async existingTable(name: QualifiedName): Promise<TableName> {
    const table = this.tableName(name);
    this.requireProject(table.project, name);
    if (!(await this.#catalog.hasSchema(table.project, table.schema))) {
      throw CatalogError.tableNotFound(`${table.project}.${table.schema}.${table.name}`, name.position);
    }
    return table;
  }

  /** The object table a statement names; a DuckDB table of that name is not one. */
  async objectTable(name: QualifiedName): Promise<ObjectTableDefinition> {
    const resolved = await this.existingTable(name);
    const table = await this.#catalog.objectTable(resolved.project, resolved.schema, resolved.name);
    if (!table) throw CatalogError.notObjectTable(`${resolved.project}.${resolved.schema}.${resolved.name}`, name.position);
    return table;
  }

  requireProject(project: string, name?: QualifiedName): void {
    if (!this.#catalog.hasProject(project)) throw CatalogError.projectNotFound(project, name?.position);
  }

  /**
   * Attaches every project of the warehouse that no other process holds (a
   * statement that reads table names from data may name any of them);
   * whether any was.
   */
  async attachAll(): Promise<boolean> {
    const attached = new Set(this.#catalog.attachedProjects());
    let added = false;
    for (const project of this.#catalog.projectNames()) {
      if (attached.has(project)) continue;
      try {
        added = (await this.#catalog.attach(project)) || added;
      } catch (error) {
        // Another process holds it: a table of it cannot be named by data in this statement.
        if (!(error instanceof CatalogError)) throw error;
      }
    }
    if (added) await this.applySearchPath();
    return added;
  }

  /**
   * Attaches the warehouse's projects that `names` (a statement's
   * identifiers, lower case) name and that are not attached yet, so
   * `project.schema.table` and `project.table` resolve in DuckDB's SQL;
   * whether any was.
   */
  async attachNamed(names: Iterable<string>): Promise<boolean> {
    const attached = new Set(this.#catalog.attachedProjects());
    const known = new Set(this.#catalog.projectNames());
    let added = false;
    for (const name of names) {
      if (attached.has(name) || !known.has(name)) continue;
      await this.#catalog.attach(name);
      attached.add(name);
      added = true;
    }
    if (added) await this.applySearchPath();
    return added;
  }
}
