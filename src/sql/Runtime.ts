import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBResult, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { Catalog, DEFAULT_SCHEMA } from '../catalog/Catalog.js';
import { CatalogError } from '../catalog/CatalogError.js';
import { projectName, objectName } from '../catalog/names.js';
import type { ObjectTableDefinition } from '../catalog/ObjectTable.js';
import { quoteIdentifier, quoteLiteral } from '../catalog/quoteIdentifier.js';
import { MemoryWarehouse } from '../catalog/Warehouse.js';
import type { Warehouse } from '../catalog/Warehouse.js';
import { EnvironmentCredentialSource } from '../oss/CredentialSource.js';
import type { CredentialSource } from '../oss/CredentialSource.js';
import type { Credentials } from '../oss/Credentials.js';
import { OssError } from '../oss/OssError.js';
import { needsPathStyle } from '../oss/OssEndpoint.js';
import { parseOssLocation, scopeOfLocation } from '../oss/OssLocation.js';
import { ErrorCode, OssduckError } from '../OssduckError.js';
import type { SourcePosition } from '../OssduckError.js';
import { FunctionError } from '../udf/FunctionError.js';
import { createGetSignedUrlFromOss, GET_SIGNED_URL_FROM_OSS } from '../udf/getSignedUrlFromOss.js';
import { registerMaxComputeFunctions } from '../udf/registerMaxComputeFunctions.js';
import type { SigningRuntime, SigningTarget } from '../udf/SigningRuntime.js';
import type { CreateObjectTableStatement, DialectStatement, QualifiedName } from './DialectStatement.js';
import { lineIndex } from './Lexer.js';
import { mapDuckError } from './mapDuckError.js';
import { parseDialect } from './parseDialect.js';
import { Settings } from './Settings.js';
import { splitStatements } from './splitStatements.js';
import type { ScriptStatement } from './splitStatements.js';
import { SqlError } from './SqlError.js';
import { toDuckSql } from './toDuckSql.js';

export const DEFAULT_PROJECT = 'default_project';

export interface RuntimeOptions {
  /** Where projects and object tables live; in memory by default. */
  readonly warehouse?: Warehouse | undefined;
  /** Session settings to start with (`odps.*`, `ossduck.*`). */
  readonly settings?: Readonly<Record<string, string>> | undefined;
  /** Where base OSS credentials come from; the environment by default. */
  readonly credentials?: CredentialSource | undefined;
  /** The project in use at start (`default_project`). */
  readonly project?: string | undefined;
  /** The clock signing instants come from, epoch milliseconds. */
  readonly clock?: (() => number) | undefined;
}

/** One statement's outcome: its columns and, streamed, its rows. */
export interface StatementResult {
  readonly statement: ScriptStatement;
  readonly columnNames: readonly string[];
  readonly columnTypes: readonly DuckDBType[];
  /**
   * The rows, chunk by chunk, as DuckDB values. Read them all (or stop
   * early) before the next statement runs. An error while reading is an
   * ossduck error positioned in the script.
   */
  chunks(): AsyncGenerator<DuckDBValue[][]>;
}

const ROLE_ARN = /^acs:ram::\d+:role\/[A-Za-z0-9._@-]{1,64}$/i;
const SIGNING_FUNCTIONS = new RegExp(GET_SIGNED_URL_FROM_OSS, 'i');

const noRows = async function* (): AsyncGenerator<DuckDBValue[][]> {};

/**
 * An embedded DuckDB with ossduck's catalog, settings and functions: it runs
 * MaxCompute scripts statement by statement, handling the MaxCompute dialect
 * itself and handing everything else to DuckDB.
 */
export class Runtime implements SigningRuntime {
  readonly settings: Settings;
  readonly catalog: Catalog;
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  readonly #credentialSource: CredentialSource;
  readonly #clock: () => number;
  #project: string;
  #schema: string = DEFAULT_SCHEMA;
  #statementId = 0;
  #statementInstant = 0;
  #baseCredentials: Credentials | OssduckError | undefined;
  #functionError: Error | undefined;
  #busy = false;
  #closed = false;

  private constructor(
    instance: DuckDBInstance,
    connection: DuckDBConnection,
    catalog: Catalog,
    settings: Settings,
    options: RuntimeOptions,
    project: string,
  ) {
    this.#instance = instance;
    this.#connection = connection;
    this.catalog = catalog;
    this.settings = settings;
    this.#credentialSource = options.credentials ?? new EnvironmentCredentialSource();
    this.#clock = options.clock ?? Date.now;
    this.#project = project;
  }

  /** Opens a runtime: DuckDB, the catalog of the warehouse, settings and functions. */
  static async open(options: RuntimeOptions = {}): Promise<Runtime> {
    const settings = new Settings(options.settings);
    const project = projectName(options.project ?? DEFAULT_PROJECT);
    const instance = await DuckDBInstance.create(':memory:');
    try {
      const connection = await instance.connect();
      const catalog = await Catalog.open({ run: async (sql) => void (await connection.run(sql)) }, options.warehouse ?? new MemoryWarehouse());
      const runtime = new Runtime(instance, connection, catalog, settings, options, project);
      connection.registerScalarFunction(createGetSignedUrlFromOss(runtime));
      await registerMaxComputeFunctions(connection, runtime);
      await runtime.#applyTimezone();
      await catalog.ensureProject(project);
      await runtime.#use(project, DEFAULT_SCHEMA);
      return runtime;
    } catch (error) {
      instance.closeSync();
      throw error;
    }
  }

  get currentProject(): string {
    return this.#project;
  }

  get currentSchema(): string {
    return this.#schema;
  }

  // ---- SigningRuntime ----

  get statementId(): number {
    return this.#statementId;
  }

  get statementInstant(): number {
    return this.#statementInstant;
  }

  get timezone(): string {
    return this.settings.timezone;
  }

  get signatureVersion(): 'v1' | 'v4' {
    return this.settings.signatureVersion;
  }

  recordFunctionError(error: Error): void {
    this.#functionError = error;
  }

  signingTarget(tableName: string, functionName: string): SigningTarget {
    const table = this.#objectTableByName(tableName, functionName);
    if (table.roleArn !== undefined) {
      throw OssError.credentials(
        `${functionName}: table ${table.project}.${table.schema}.${table.name} signs through the role ${table.roleArn}, ` +
          'which needs STS AssumeRole; ossduck does not sign RoleARN tables yet, and will not sign them with other credentials',
      );
    }
    const credentials = this.#baseCredentials;
    if (credentials === undefined) throw new OssduckError(ErrorCode.internal, 'System internal error', 'credentials were not resolved before signing');
    if (credentials instanceof OssduckError) throw credentials;
    const style = needsPathStyle(table.location.endpoint) ? 'path' : 'virtual';
    return { table, credentials, address: { scheme: 'https', host: table.location.endpoint, style } };
  }

  // ---- running SQL ----

  /**
   * Runs a script statement by statement, yielding each statement's result.
   * The first failing statement throws and ends the run.
   */
  async *execute(script: string): AsyncGenerator<StatementResult> {
    if (this.#closed) throw new OssduckError(ErrorCode.internal, 'System internal error', 'the runtime is closed');
    if (this.#busy) throw new OssduckError(ErrorCode.internal, 'System internal error', 'another script is still running on this runtime');
    this.#busy = true;
    try {
      const positionAt = lineIndex(script);
      for (const statement of splitStatements(script)) {
        yield await this.#executeOne(statement, script, positionAt);
      }
    } finally {
      this.#busy = false;
    }
  }

  /** Runs a script and returns every statement's rows, read whole. */
  async run(script: string): Promise<{ columnNames: readonly string[]; rows: DuckDBValue[][] }[]> {
    const results: { columnNames: readonly string[]; rows: DuckDBValue[][] }[] = [];
    for await (const result of this.execute(script)) {
      const rows: DuckDBValue[][] = [];
      for await (const chunk of result.chunks()) rows.push(...chunk);
      results.push({ columnNames: result.columnNames, rows });
    }
    return results;
  }

  /** Stops the running statement (DuckDB's interrupt). */
  interrupt(): void {
    this.#connection.interrupt();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#connection.closeSync();
    this.#instance.closeSync();
  }

  async #executeOne(statement: ScriptStatement, script: string, positionAt: (offset: number) => SourcePosition): Promise<StatementResult> {
    this.#statementId++;
    this.#statementInstant = this.settings.signingTime ?? this.#clock();
    this.#functionError = undefined;
    const textPosition = positionAt(statement.textStart);
    let dialect: DialectStatement | undefined;
    try {
      dialect = parseDialect(statement, script, positionAt);
      if (dialect) {
        await this.#runDialect(dialect, statement);
        return { statement, columnNames: [], columnTypes: [], chunks: noRows };
      }
    } catch (error) {
      throw this.#positioned(error, statement.position);
    }
    if (SIGNING_FUNCTIONS.test(statement.text)) await this.#resolveCredentials();
    const located = (error: unknown): OssduckError => this.#fromDuck(error, statement, textPosition, positionAt);
    let result: DuckDBResult;
    try {
      result = await this.#connection.stream(toDuckSql(statement));
    } catch (error) {
      throw located(error);
    }
    return {
      statement,
      columnNames: result.columnNames(),
      columnTypes: result.columnTypes(),
      async *chunks() {
        try {
          for (;;) {
            const chunk = await result.fetchChunk();
            if (!chunk || chunk.rowCount === 0) return;
            yield chunk.getRows();
          }
        } catch (error) {
          throw located(error);
        }
      },
    };
  }

  #positioned(error: unknown, position: SourcePosition): OssduckError {
    if (error instanceof OssduckError) {
      error.position ??= position;
      return error;
    }
    return new OssduckError(ErrorCode.internal, 'System internal error', String((error as Error)?.message ?? error), { cause: error, position });
  }

  /**
   * An error DuckDB raised for `statement`: the error a function recorded
   * (positioned at the function's call), or DuckDB's own, mapped.
   */
  #fromDuck(
    error: unknown,
    statement: ScriptStatement,
    textPosition: SourcePosition,
    positionAt: (offset: number) => SourcePosition,
  ): OssduckError {
    const recorded = this.#functionError;
    this.#functionError = undefined;
    if (recorded instanceof OssduckError && String((error as Error)?.message ?? '').includes(recorded.message)) {
      const name = /^([A-Z_]+):/.exec(recorded.detail)?.[1];
      const call = name === undefined ? undefined : statement.tokens.find((t) => t.kind === 'word' && t.text.toUpperCase() === name);
      recorded.position ??= call ? positionAt(call.start) : textPosition;
      return recorded;
    }
    return mapDuckError(error, textPosition);
  }

  async #resolveCredentials(): Promise<void> {
    try {
      this.#baseCredentials = await this.#credentialSource.resolve();
    } catch (error) {
      this.#baseCredentials = error instanceof OssduckError ? error : OssError.credentials(String((error as Error)?.message ?? error));
    }
  }

  async #runDialect(statement: DialectStatement, source: ScriptStatement): Promise<void> {
    switch (statement.kind) {
      case 'set': {
        this.settings.set(statement.key, statement.value);
        if (statement.key.toLowerCase() === 'odps.sql.timezone') await this.#applyTimezone();
        return;
      }
      case 'useProject': {
        const project = projectName(statement.project);
        await this.catalog.ensureProject(project);
        const schema = statement.schema === undefined ? DEFAULT_SCHEMA : objectName(statement.schema, 'schema');
        if (!this.catalog.hasSchema(project, schema)) throw CatalogError.schemaNotFound(project, schema);
        await this.#use(project, schema);
        return;
      }
      case 'useSchema': {
        const [project, schema] = this.#schemaName(statement.schema);
        if (!this.catalog.hasSchema(project, schema)) throw CatalogError.schemaNotFound(project, schema);
        await this.#use(project, schema);
        return;
      }
      case 'createSchema': {
        const [project, schema] = this.#schemaName(statement.name);
        await this.catalog.createSchema(project, schema, { ifNotExists: statement.ifNotExists, comment: statement.comment });
        await this.#applySearchPath();
        return;
      }
      case 'createObjectTable':
        await this.#createObjectTable(statement);
        return;
      default: {
        const unreachable: never = statement;
        throw SqlError.semantic(`unsupported statement ${String(unreachable)} in ${source.text}`);
      }
    }
  }

  /** `[project.]schema` of a schema statement, the project defaulting to the current one. */
  #schemaName(name: QualifiedName): [string, string] {
    const project = name.parts.length === 2 ? projectName(name.parts[0]!) : this.#project;
    const schema = objectName(name.parts[name.parts.length - 1]!, 'schema');
    if (!this.catalog.hasProject(project)) {
      throw new CatalogError(ErrorCode.semantic, 'Semantic analysis exception', `project ${project} does not exist; run USE ${project} first`, {
        position: name.position,
      });
    }
    return [project, schema];
  }

  /** `p.s.t`, `s.t` (or `p.t` with odps.namespace.schema=false) or `t`, resolved against the current project and schema. */
  #tableName(name: QualifiedName): { project: string; schema: string; name: string } {
    const parts = name.parts;
    try {
      if (parts.length === 3) return { project: projectName(parts[0]!), schema: objectName(parts[1]!, 'schema'), name: objectName(parts[2]!, 'table') };
      if (parts.length === 2) {
        return this.settings.namespaceSchema
          ? { project: this.#project, schema: objectName(parts[0]!, 'schema'), name: objectName(parts[1]!, 'table') }
          : { project: projectName(parts[0]!), schema: DEFAULT_SCHEMA, name: objectName(parts[1]!, 'table') };
      }
      return { project: this.#project, schema: this.#schema, name: objectName(parts[0]!, 'table') };
    } catch (error) {
      if (error instanceof OssduckError) error.position ??= name.position;
      throw error;
    }
  }

  async #createObjectTable(statement: CreateObjectTableStatement): Promise<void> {
    const name = this.#tableName(statement.name);
    if (!this.catalog.hasProject(name.project)) {
      throw new CatalogError(ErrorCode.semantic, 'Semantic analysis exception', `project ${name.project} does not exist; run USE ${name.project} first`, {
        position: statement.name.position,
      });
    }
    if (!this.catalog.hasSchema(name.project, name.schema)) {
      throw new CatalogError(ErrorCode.invalidSchema, 'Invalid schema', `schema ${name.schema} does not exist in project ${name.project}`, {
        position: statement.name.position,
      });
    }
    let location;
    let scope;
    const serde = Object.fromEntries(statement.serdeProperties);
    const tbl = Object.fromEntries(statement.tblProperties);
    try {
      location = parseOssLocation(statement.location);
      scope = scopeOfLocation(location, serde['ossduck.region'] ?? tbl['ossduck.region']);
    } catch (error) {
      if (error instanceof OssduckError) error.position ??= statement.locationPosition;
      throw error;
    }
    const roleArn = serde['odps.properties.rolearn'];
    if (roleArn !== undefined && !ROLE_ARN.test(roleArn)) {
      throw SqlError.semantic(
        `odps.properties.rolearn '${roleArn}' is not a RAM role ARN: expected acs:ram::<account id>:role/<role name>, e.g. acs:ram::1234567890:role/aliyunodpsdefaultrole`,
        statement.name.position,
      );
    }
    const definition: ObjectTableDefinition = {
      ...name,
      location,
      region: scope.region,
      product: scope.product,
      roleArn,
      serdeProperties: serde,
      tblProperties: tbl,
      comment: statement.comment,
      createdAt: new Date(this.#clock()).toISOString(),
      lastRefreshedAt: undefined,
    };
    try {
      await this.catalog.createObjectTable(definition, { ifNotExists: statement.ifNotExists });
    } catch (error) {
      if (error instanceof OssduckError) error.position ??= statement.name.position;
      throw error;
    }
  }

  /** Finds the object table a function's first argument names. */
  #objectTableByName(raw: string, functionName: string): ObjectTableDefinition {
    const parts = raw.split('.').map((p) => p.trim().replace(/^`(.*)`$/, '$1'));
    const expected = this.settings.namespaceSchema ? 'project.schema.table' : 'project.table (odps.namespace.schema=false) or project.schema.table';
    const valid = parts.length === 3 || (parts.length === 2 && !this.settings.namespaceSchema);
    if (!valid || parts.some((p) => p === '')) {
      throw FunctionError.invalid(functionName, `full_object_table_name '${raw}' must be the full name of an object table, ${expected}`);
    }
    const [project, schema, table] = parts.length === 3 ? parts : [parts[0]!, DEFAULT_SCHEMA, parts[1]!];
    const definition = this.catalog.objectTable(project!.toLowerCase(), schema!.toLowerCase(), table!.toLowerCase());
    if (!definition) {
      throw new CatalogError(
        ErrorCode.tableNotFound,
        'Table not found',
        `${functionName}: table ${parts.join('.')} cannot be resolved; full_object_table_name must name an existing object table`,
      );
    }
    return definition;
  }

  async #use(project: string, schema: string): Promise<void> {
    this.#project = project;
    this.#schema = schema;
    await this.#connection.run(`USE ${quoteIdentifier(project)}.${quoteIdentifier(schema)}`);
    await this.#applySearchPath();
  }

  /** Current schema first, then every project's default schema, so `project.table` resolves too. */
  async #applySearchPath(): Promise<void> {
    const entries = [`${this.#project}.${this.#schema}`];
    for (const project of this.catalog.projectNames()) {
      const entry = `${project}.${DEFAULT_SCHEMA}`;
      if (!entries.includes(entry)) entries.push(entry);
    }
    const path = entries.map((e) => e.split('.').map(quoteIdentifier).join('.')).join(',');
    await this.#connection.run(`SET search_path = ${quoteLiteral(path)}`);
  }

  async #applyTimezone(): Promise<void> {
    await this.#connection.run(`SET TimeZone = ${quoteLiteral(this.settings.timezone)}`);
  }
}
