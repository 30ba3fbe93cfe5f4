import { DuckDBInstance, ResultReturnType, VARCHAR } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBResult, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { Catalog, DEFAULT_SCHEMA } from '../catalog/Catalog.js';
import { CatalogError } from '../catalog/CatalogError.js';
import { projectName, objectName } from '../catalog/names.js';
import { qualifiedName } from '../catalog/ObjectTable.js';
import type { MetadataRow, ObjectTableDefinition } from '../catalog/ObjectTable.js';
import { quoteIdentifier, quoteLiteral } from '../catalog/quoteIdentifier.js';
import { DirectoryWarehouse } from '../catalog/DirectoryWarehouse.js';
import { readTableUrlProperties } from '../catalog/TableUrlProperties.js';
import { DuckCatalogDatabase } from '../catalog/DuckCatalogDatabase.js';
import { MemoryWarehouse } from '../catalog/Warehouse.js';
import type { Warehouse } from '../catalog/Warehouse.js';
import { EnvironmentCredentialSource } from '../oss/CredentialSource.js';
import type { CredentialSource } from '../oss/CredentialSource.js';
import type { Credentials } from '../oss/Credentials.js';
import { OssError } from '../oss/OssError.js';
import { SyncBridge } from '../oss/bridge/SyncBridge.js';
import { keepByteOrderMarks } from '../session/keepByteOrderMarks.js';
import { OssClient } from '../oss/OssClient.js';
import { RoleCredentials } from '../oss/RoleCredentials.js';
import type { RoleNeed } from '../oss/RoleCredentials.js';
import { assumeRole } from '../oss/StsClient.js';
import type { BucketTarget } from '../oss/OssClient.js';
import { addressFor, routingFromEnvironment } from '../oss/OssRouting.js';
import type { OssRouting } from '../oss/OssRouting.js';
import type { UrlAddress } from '../oss/signing/UrlAddress.js';
import { endpointChoiceText, resolveUrlAddress } from '../oss/UrlForm.js';
import type { UrlForm } from '../oss/UrlForm.js';
import { parseOssLocation, scopeOfLocation } from '../oss/OssLocation.js';
import { ErrorCode, OssduckError } from '../OssduckError.js';
import type { SourcePosition } from '../OssduckError.js';
import { FunctionError } from '../udf/FunctionError.js';
import { createGetDataFromOss, GET_DATA_FROM_OSS } from '../udf/getDataFromOss.js';
import { createGetSignedUrlFromOss, GET_SIGNED_URL_FROM_OSS } from '../udf/getSignedUrlFromOss.js';
import { createOssduckExplainUrl, OSSDUCK_EXPLAIN_URL } from '../udf/ossduckExplainUrl.js';
import type { ExplainRuntime, VerificationCredentials } from '../udf/ossduckExplainUrl.js';
import { createOssduckLintKey } from '../udf/ossduckLintKey.js';
import { createOssduckPresign, OSSDUCK_PRESIGN } from '../udf/ossduckPresign.js';
import { createOssPresignPrefix, OSS_PRESIGN_PREFIX, OSS_PRESIGN_PREFIX_USAGE } from '../udf/ossPresignPrefix.js';
import { MAXCOMPUTE_FUNCTIONS, registerMaxComputeFunctions } from '../udf/registerMaxComputeFunctions.js';
import { SigningPool } from '../udf/SigningPool.js';
import type { SigningRuntime, SigningTarget } from '../udf/SigningRuntime.js';
import { describe, dropSchema, dropTable, showCreateTable, showSchemas, showTables } from './catalogStatements.js';
import type { CatalogStatementContext } from './catalogStatements.js';
import type { DialectResult } from './DialectResult.js';
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
  /** Where projects and object tables live: a warehouse directory path, or in memory (the default). */
  readonly warehouse?: Warehouse | string | undefined;
  /** Session settings to start with (`odps.*`, `ossduck.*`). */
  readonly settings?: Readonly<Record<string, string>> | undefined;
  /** Where base OSS credentials come from; the environment by default. */
  readonly credentials?: CredentialSource | undefined;
  /** The project in use at start (`default_project`). */
  readonly project?: string | undefined;
  /** The clock signing instants come from, epoch milliseconds. */
  readonly clock?: (() => number) | undefined;
  /**
   * Where OSS and STS requests go; `OSSDUCK_OSS_ENDPOINT`/`OSSDUCK_STS_ENDPOINT`
   * by default. A function is asked each time, after credentials are
   * resolved (the embedded emulator knows its address only once started).
   */
  readonly routing?: OssRouting | (() => OssRouting) | undefined;
  /** Threads signing URLs (default: two where the machine has two cores or more; 1 signs on the main thread only). */
  readonly signingThreads?: number | undefined;
  /** Something to close with the runtime (the embedded emulator). */
  readonly closeWith?: { close(): Promise<void> } | undefined;
  /** Progress of long operations (REFRESH METADATA listings), for a terminal. */
  readonly onProgress?: ((message: string) => void) | undefined;
  /** Warnings (GET_DATA_FROM_OSS with WARN_AND_NULL); dropped when not given. */
  readonly onWarning?: ((message: string) => void) | undefined;
}

/** One statement's outcome: its columns and, streamed, its rows. */
export interface StatementResult {
  readonly statement: ScriptStatement;
  /** Whether this is the script's last statement. */
  readonly isLast: boolean;
  /** Whether the statement is a query with rows to show (SELECT, DESC, SHOW ...), not a command. */
  readonly returnsRows: boolean;
  readonly columnNames: readonly string[];
  readonly columnTypes: readonly DuckDBType[];
  /**
   * The rows, chunk by chunk, as DuckDB values. Read them all (or stop
   * early) before the next statement runs. An error while reading is an
   * ossduck error positioned in the script.
   */
  chunks(): AsyncGenerator<DuckDBValue[][]>;
}

/** How long credentials must last for reads (REFRESH, GET_DATA_FROM_OSS). */
const READ_VALIDITY_MS = 15 * 60 * 1000;

const ROLE_ARN = /^acs:ram::\d+:role\/[A-Za-z0-9._@-]{1,64}$/i;
/** The functions ossduck adds that sign or read OSS: a statement that names one resolves credentials first. */
const OSS_FUNCTIONS = [GET_SIGNED_URL_FROM_OSS, GET_DATA_FROM_OSS, OSSDUCK_PRESIGN, OSS_PRESIGN_PREFIX.toUpperCase()];
const OSSDUCK_FUNCTIONS = new Set([...OSS_FUNCTIONS, OSSDUCK_EXPLAIN_URL]);
const SIGNING_FUNCTIONS = new RegExp(OSS_FUNCTIONS.join('|'), 'i');
/** OSSDUCK_EXPLAIN_URL verifies with credentials and reaches no OSS. */
const VERIFYING_FUNCTION = new RegExp(OSSDUCK_EXPLAIN_URL, 'i');
/** A call of one of MaxCompute's date and string functions, which are made on first use. */
const MAXCOMPUTE_CALL = new RegExp(`\\b(${MAXCOMPUTE_FUNCTIONS.join('|')})\\s*\\(`, 'i');

const noRows = async function* (): AsyncGenerator<DuckDBValue[][]> {};

/**
 * An embedded DuckDB with ossduck's catalog, settings and functions: it runs
 * MaxCompute scripts statement by statement, handling the MaxCompute dialect
 * itself and handing everything else to DuckDB.
 */
export class Runtime implements SigningRuntime, ExplainRuntime {
  readonly settings: Settings;
  readonly catalog: Catalog;
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  readonly #credentialSource: CredentialSource;
  readonly #clock: () => number;
  readonly #routingOf: () => OssRouting;
  readonly #closeWith: { close(): Promise<void> } | undefined;
  readonly #onProgress: ((message: string) => void) | undefined;
  readonly #onWarning: ((message: string) => void) | undefined;
  readonly bridge = new SyncBridge();
  readonly signingPool: SigningPool;
  readonly #roles: RoleCredentials;
  #project: string;
  #schema: string = DEFAULT_SCHEMA;
  #statementId = 0;
  #statementInstant = 0;
  #baseCredentials: Credentials | OssduckError | undefined;
  #functionError: Error | undefined;
  #busy = false;
  #maxComputeFunctions = false;
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
    const routing = options.routing ?? routingFromEnvironment(process.env);
    this.#routingOf = typeof routing === 'function' ? routing : () => routing;
    this.#closeWith = options.closeWith;
    this.#onProgress = options.onProgress;
    this.#onWarning = options.onWarning;
    this.signingPool = new SigningPool(options.signingThreads === undefined ? {} : { threads: options.signingThreads });
    this.#roles = new RoleCredentials({ now: this.#clock, sts: () => this.#routingOf().sts });
    this.#project = project;
  }

  /** Opens a runtime: DuckDB, the catalog of the warehouse, settings and functions. */
  static async open(options: RuntimeOptions = {}): Promise<Runtime> {
    const settings = new Settings(options.settings);
    const project = projectName(options.project ?? DEFAULT_PROJECT);
    keepByteOrderMarks();
    const instance = await DuckDBInstance.create(':memory:');
    try {
      const connection = await instance.connect();
      const warehouse = typeof options.warehouse === 'string' ? DirectoryWarehouse.open(options.warehouse) : (options.warehouse ?? new MemoryWarehouse());
      const catalog = await Catalog.open(new DuckCatalogDatabase(connection), warehouse);
      const runtime = new Runtime(instance, connection, catalog, settings, options, project);
      connection.registerScalarFunction(createGetSignedUrlFromOss(runtime));
      connection.registerScalarFunction(createGetDataFromOss(runtime));
      connection.registerScalarFunction(createOssduckExplainUrl(runtime));
      connection.registerScalarFunction(createOssduckPresign(runtime));
      connection.registerTableFunction(createOssPresignPrefix(runtime));
      connection.registerScalarFunction(createOssduckLintKey(runtime));
      // MaxCompute keeps no row order without ORDER BY; DuckDB's keeping it doubles the memory of big
      // exports. Its allocator also hands freed memory back sooner: a million-URL export stays near 350 MB.
      await connection.run('SET preserve_insertion_order = false');
      await connection.run("SET allocator_flush_threshold = '32MB'");
      await connection.run("SET allocator_bulk_deallocation_flush_threshold = '32MB'");
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

  signingTarget(tableName: string, functionName: string, validUntil: number): SigningTarget {
    const table = this.objectTable(tableName, functionName);
    const credentials = this.signingCredentials(table, functionName, validUntil);
    return { table, credentials, address: addressFor(table.location.endpoint, this.#routingOf()) };
  }

  objectTable(tableName: string, functionName: string): ObjectTableDefinition {
    return this.#objectTableByName(tableName, functionName);
  }

  objectTables(): readonly ObjectTableDefinition[] {
    return this.catalog.objectTables();
  }

  signingCredentials(table: ObjectTableDefinition, functionName: string, validUntil: number): Credentials {
    const base = this.#baseCredentials;
    if (base === undefined) throw new OssduckError(ErrorCode.internal, 'System internal error', 'credentials were not resolved before signing');
    if (base instanceof OssduckError) throw base;
    if (table.roleArn === undefined) return base;
    const need = this.#roleNeed(table, validUntil, functionName);
    const plan = this.#roles.plan(base, need);
    return 'cached' in plan ? plan.cached : this.#roles.keep(base, need, this.bridge.assumeRole(plan.call));
  }

  urlAddress(table: ObjectTableDefinition, form: UrlForm, functionName: string): UrlAddress {
    const address = resolveUrlAddress(table.location.endpoint, { region: table.region, product: table.product }, form, this.#routingOf());
    if ('problem' in address) {
      throw FunctionError.invalid(functionName, `endpoint '${endpointChoiceText(form.endpoint ?? { kind: 'location' })}' cannot serve table ${qualifiedName(table)}: ${address.problem}`);
    }
    return address.value;
  }

  listTarget(table: ObjectTableDefinition, functionName: string): BucketTarget {
    const credentials = this.signingCredentials(table, functionName, this.#clock() + READ_VALIDITY_MS);
    return { bucket: table.location.bucket, region: table.region, product: table.product, address: addressFor(table.location.endpoint, this.#routingOf()), credentials };
  }

  readTarget(tableName: string, functionName: string): { table: ObjectTableDefinition; target: BucketTarget } {
    const table = this.objectTable(tableName, functionName);
    return { table, target: this.listTarget(table, functionName) };
  }

  #roleNeed(table: ObjectTableDefinition, validUntil: number, purpose: string): RoleNeed {
    return { roleArn: table.roleArn!, region: table.region, validUntil, purpose: `${purpose} on table ${table.project}.${table.schema}.${table.name}` };
  }

  /**
   * The base credentials, or, when the source is a local emulator's own
   * account (the embedded local OSS), that account, which needs the emulator
   * neither started nor resolved.
   */
  verificationCredentials(): VerificationCredentials {
    const local = this.#credentialSource.localAccount;
    if (local) return { credentials: local, others: this.#roles.held(), missing: undefined, localAccount: this.#credentialSource.description };
    const base = this.#baseCredentials;
    if (base instanceof OssduckError) return { credentials: undefined, others: this.#roles.held(), missing: base.detail, localAccount: undefined };
    if (base === undefined) return { credentials: undefined, others: [], missing: 'no credentials were resolved for this statement', localAccount: undefined };
    return { credentials: base, others: this.#roles.held(), missing: undefined, localAccount: undefined };
  }

  warn(message: string): void {
    this.#onWarning?.(message);
  }

  /** Where OSS and STS requests of this runtime go. */
  get routing(): OssRouting {
    return this.#routingOf();
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
      const statements = splitStatements(script);
      for (let i = 0; i < statements.length; i++) {
        const result = { ...(await this.#executeOne(statements[i]!, script, positionAt)), isLast: i === statements.length - 1 };
        yield result;
        // Rows the caller did not read are read here: a statement that fails on a later row fails the script.
        for await (const _ of result.chunks()) void _;
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

  /** Closes DuckDB, the OSS worker and whatever was handed in to close along (the embedded emulator). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#connection.closeSync();
    this.#instance.closeSync();
    await this.bridge.close();
    await this.signingPool.close();
    await this.#closeWith?.close();
  }

  async #executeOne(statement: ScriptStatement, script: string, positionAt: (offset: number) => SourcePosition): Promise<Omit<StatementResult, 'isLast'>> {
    this.#statementId++;
    this.#statementInstant = this.settings.signingTime ?? this.#clock();
    this.#functionError = undefined;
    const textPosition = positionAt(statement.textStart);
    let dialect: DialectStatement | undefined;
    try {
      dialect = parseDialect(statement, script, positionAt);
      if (dialect) {
        const result = await this.#runDialect(dialect, statement);
        if (!result) return { statement, returnsRows: false, columnNames: [], columnTypes: [], chunks: noRows };
        const rows = result.rows.map((r) => [...r]);
        return {
          statement,
          returnsRows: true,
          columnNames: result.columnNames,
          columnTypes: result.columnNames.map(() => VARCHAR),
          async *chunks() {
            if (rows.length > 0) yield rows;
          },
        };
      }
    } catch (error) {
      const named = dialect && 'name' in dialect && typeof dialect.name === 'object' ? dialect.name.position : undefined;
      throw this.#positioned(error, named ?? statement.position);
    }
    // Explaining a URL verifies it with the credentials, and a local emulator's account needs no resolving: it never starts the emulator.
    const verifies = VERIFYING_FUNCTION.test(statement.text) && this.#credentialSource.localAccount === undefined;
    if (SIGNING_FUNCTIONS.test(statement.text) || verifies) await this.#resolveCredentials();
    if (!this.#maxComputeFunctions && MAXCOMPUTE_CALL.test(statement.text)) await this.#registerMaxComputeFunctions();
    const located = (error: unknown): OssduckError => this.#fromDuck(error, statement, textPosition, positionAt);
    const duckSql = toDuckSql(statement, positionAt);
    let result: DuckDBResult;
    try {
      result = await this.#connection.stream(duckSql);
    } catch (error) {
      throw located(error);
    }
    return {
      statement,
      returnsRows: result.returnType === ResultReturnType.QUERY_RESULT,
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
      const name = /^([A-Za-z_]+):/.exec(recorded.detail)?.[1]?.toUpperCase();
      const call =
        statement.tokens.find((t) => t.kind === 'word' && t.text.toUpperCase() === name) ??
        statement.tokens.find((t) => t.kind === 'word' && OSSDUCK_FUNCTIONS.has(t.text.toUpperCase()));
      recorded.position ??= call ? positionAt(call.start) : textPosition;
      return recorded;
    }
    const locate = (text: string): SourcePosition | undefined => {
      const token = statement.tokens.find((t) => t.text === text);
      return token ? positionAt(token.start) : undefined;
    };
    const last = statement.tokens.findLast((t) => t.kind !== 'comment' && t.text !== ';');
    return mapDuckError(error, textPosition, locate, last ? positionAt(last.end) : undefined, [OSS_PRESIGN_PREFIX_USAGE]);
  }

  /**
   * MaxCompute's date and string functions are macros and functions made the
   * first time a statement calls one: most runs never do, and making them
   * takes a noticeable part of start-up.
   */
  async #registerMaxComputeFunctions(): Promise<void> {
    this.#maxComputeFunctions = true;
    await registerMaxComputeFunctions(this.#connection, this);
  }

  /** Makes MaxCompute's date and string functions now (the shell does, to complete their names). */
  async loadMaxComputeFunctions(): Promise<void> {
    if (!this.#maxComputeFunctions) await this.#registerMaxComputeFunctions();
  }

  async #resolveCredentials(): Promise<void> {
    try {
      this.#baseCredentials = await this.#credentialSource.resolve();
    } catch (error) {
      this.#baseCredentials = error instanceof OssduckError ? error : OssError.credentials(String((error as Error)?.message ?? error));
    }
  }

  /** What the catalog statements (DESC, SHOW, DROP) need. */
  #catalogContext(): CatalogStatementContext {
    return {
      catalog: this.catalog,
      timezone: this.settings.timezone,
      query: async (sql) => {
        const reader = await this.#connection.runAndReadAll(sql);
        return reader.getRows().map((row) => row.map((v) => (v === null ? null : String(v))));
      },
      run: async (sql) => void (await this.#connection.run(sql)),
    };
  }

  async #runDialect(statement: DialectStatement, source: ScriptStatement): Promise<DialectResult | undefined> {
    switch (statement.kind) {
      case 'describe':
        return describe(this.#catalogContext(), this.#existingTable(statement.name), statement.extended);
      case 'showCreateTable':
        return showCreateTable(this.#catalogContext(), this.#existingTable(statement.name));
      case 'showTables': {
        let project = this.#project;
        let schema = this.#schema;
        if (statement.scope) {
          project = projectName(statement.scope.parts[0]!);
          schema = statement.scope.parts.length === 2 ? objectName(statement.scope.parts[1]!, 'schema') : DEFAULT_SCHEMA;
          if (!this.catalog.hasProject(project)) throw this.#noProject(project, statement.scope.position);
        }
        return showTables(this.#catalogContext(), project, schema, statement.like);
      }
      case 'showSchemas': {
        const project = statement.project ? projectName(statement.project.parts[0]!) : this.#project;
        if (!this.catalog.hasProject(project)) throw this.#noProject(project, statement.project?.position);
        return showSchemas(this.#catalogContext(), project, statement.like);
      }
      case 'setProject': {
        if (statement.key === undefined) {
          return { columnNames: ['key', 'value'], rows: [...this.catalog.projectSettings(this.#project)].map(([k, v]) => [k, v]) };
        }
        const key = statement.key.toLowerCase();
        const value = statement.value === '' ? '' : this.settings.validate(key, statement.value);
        await this.catalog.setProjectSetting(this.#project, key, value);
        if (key === 'odps.sql.timezone') await this.#applyTimezone();
        return undefined;
      }
      case 'refreshMetadata':
        await this.#refreshMetadata(statement.name);
        return undefined;
      case 'dropTable':
        await dropTable(this.#catalogContext(), this.#tableName(statement.name), statement.ifExists);
        return undefined;
      case 'dropSchema': {
        const [project, schema] = this.#schemaName(statement.name);
        await dropSchema(this.#catalogContext(), project, schema, { ifExists: statement.ifExists, cascade: statement.cascade });
        if (project === this.#project && schema === this.#schema) await this.#use(project, DEFAULT_SCHEMA);
        else await this.#applySearchPath();
        return undefined;
      }
      case 'set': {
        this.settings.set(statement.key, statement.value);
        if (statement.key.toLowerCase() === 'odps.sql.timezone') await this.#applyTimezone();
        return undefined;
      }
      case 'useProject': {
        const project = projectName(statement.project);
        await this.catalog.ensureProject(project);
        const schema = statement.schema === undefined ? DEFAULT_SCHEMA : objectName(statement.schema, 'schema');
        if (!this.catalog.hasSchema(project, schema)) throw CatalogError.schemaNotFound(project, schema);
        await this.#use(project, schema);
        return undefined;
      }
      case 'useSchema': {
        const [project, schema] = this.#schemaName(statement.schema);
        if (!this.catalog.hasSchema(project, schema)) throw CatalogError.schemaNotFound(project, schema);
        await this.#use(project, schema);
        return undefined;
      }
      case 'createSchema': {
        const [project, schema] = this.#schemaName(statement.name);
        await this.catalog.createSchema(project, schema, { ifNotExists: statement.ifNotExists, comment: statement.comment });
        await this.#applySearchPath();
        return undefined;
      }
      case 'createObjectTable':
        await this.#createObjectTable(statement);
        return undefined;
      default: {
        const unreachable: never = statement;
        throw SqlError.semantic(`unsupported statement ${String(unreachable)} in ${source.text}`);
      }
    }
  }

  #noProject(project: string, position?: SourcePosition): CatalogError {
    return new CatalogError(ErrorCode.semantic, 'Semantic analysis exception', `project ${project} does not exist; run USE ${project} first`, {
      ...(position ? { position } : {}),
    });
  }

  /** `[project.]schema` of a schema statement, the project defaulting to the current one. */
  #schemaName(name: QualifiedName): [string, string] {
    const project = name.parts.length === 2 ? projectName(name.parts[0]!) : this.#project;
    const schema = objectName(name.parts[name.parts.length - 1]!, 'schema');
    if (!this.catalog.hasProject(project)) throw this.#noProject(project, name.position);
    return [project, schema];
  }

  /** A table name whose project and schema exist (for DESC and SHOW CREATE TABLE). */
  #existingTable(name: QualifiedName): { project: string; schema: string; name: string } {
    const table = this.#tableName(name);
    if (!this.catalog.hasProject(table.project)) throw this.#noProject(table.project, name.position);
    if (!this.catalog.hasSchema(table.project, table.schema)) {
      throw new CatalogError(ErrorCode.tableNotFound, 'Table not found', `table ${table.project}.${table.schema}.${table.name} cannot be resolved`, {
        position: name.position,
      });
    }
    return table;
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
    try {
      readTableUrlProperties(tbl, serde);
    } catch (error) {
      if (error instanceof OssduckError) error.position ??= statement.name.position;
      throw error;
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

  /**
   * ALTER TABLE ... REFRESH METADATA: lists every object under the table's
   * location (ListObjectsV2, paged) and swaps the metadata in atomically.
   * Keys are relative to the location; directory markers (the prefix itself,
   * and empty objects ending in '/') are left out.
   */
  async #refreshMetadata(name: QualifiedName): Promise<void> {
    const table = this.#objectTableAt(name);
    const credentials = await this.#credentialsFor(table, 'REFRESH METADATA');
    const client = await OssClient.create({
      bucket: table.location.bucket,
      region: table.region,
      product: table.product,
      address: addressFor(table.location.endpoint, this.#routingOf()),
      credentials,
    });
    const prefix = table.location.prefix;
    async function* pages(): AsyncGenerator<MetadataRow[]> {
      for await (const page of client.list(prefix)) {
        yield page.objects
          .filter((o) => o.key.startsWith(prefix) && o.key !== prefix && !(o.key.endsWith('/') && o.size === 0))
          .map((o) => ({ ...o, key: o.key.slice(prefix.length) }));
      }
    }
    const label = `${table.project}.${table.schema}.${table.name}`;
    await this.catalog.refreshMetadata(table, pages(), (rows) => this.#onProgress?.(`REFRESH METADATA ${label}: ${rows} objects listed`));
  }

  /** The object table a statement names; a DuckDB table of that name is not one. */
  #objectTableAt(name: QualifiedName): ObjectTableDefinition {
    const resolved = this.#existingTable(name);
    const table = this.catalog.objectTable(resolved.project, resolved.schema, resolved.name);
    if (!table) {
      throw new CatalogError(ErrorCode.tableNotFound, 'Table not found', `object table ${resolved.project}.${resolved.schema}.${resolved.name} cannot be resolved`, {
        position: name.position,
      });
    }
    return table;
  }

  /** The credentials a table's OSS calls use in an async context (REFRESH METADATA): base, or STS for a RoleARN table. */
  async #credentialsFor(table: ObjectTableDefinition, purpose: string): Promise<Credentials> {
    await this.#resolveCredentials();
    const base = this.#baseCredentials;
    if (base instanceof OssduckError) throw base;
    if (!base) throw new OssduckError(ErrorCode.internal, 'System internal error', 'credentials were not resolved');
    if (table.roleArn === undefined) return base;
    const need = this.#roleNeed(table, this.#clock() + READ_VALIDITY_MS, purpose);
    const plan = this.#roles.plan(base, need);
    return 'cached' in plan ? plan.cached : this.#roles.keep(base, need, await assumeRole(plan.call));
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
    const timezone = this.settings.timezone;
    this.#project = project;
    this.#schema = schema;
    this.settings.useProjectSettings(this.catalog.projectSettings(project));
    if (this.settings.timezone !== timezone) await this.#applyTimezone();
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
