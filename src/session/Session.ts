import { DuckDBInstance, VARCHAR } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { Catalog } from '../catalog/Catalog.js';
import type { CatalogStatementContext } from '../catalog/catalogStatements.js';
import { DirectoryWarehouse } from '../catalog/DirectoryWarehouse.js';
import { DuckCatalogDatabase } from '../catalog/DuckCatalogDatabase.js';
import { projectName } from '../catalog/names.js';
import { DEFAULT_SCHEMA } from '../catalog/TableName.js';
import { CATALOG_SCHEMA } from '../catalog/objectTableView.js';
import { ObjectTableSnapshot } from '../catalog/ObjectTableSnapshot.js';
import { MemoryWarehouse } from '../catalog/Warehouse.js';
import { migrateLegacyCatalog } from '../catalog/migrateLegacyCatalog.js';
import { EnvironmentCredentialSource } from '../oss/CredentialSource.js';
import { routingFromEnvironment } from '../oss/OssRouting.js';
import { OssduckError, positioned, positionedSync } from '../OssduckError.js';
import type { SourcePosition } from '../OssduckError.js';
import type { DialectStatement } from '../sql/DialectStatement.js';
import { lineIndex } from '../sql/Lexer.js';
import { parseDialect } from '../sql/parseDialect.js';
import { splitStatements } from '../sql/splitStatements.js';
import type { ScriptStatement } from '../sql/splitStatements.js';
import { SqlError } from '../sql/SqlError.js';
import type { FunctionContext } from '../udf/FunctionContext.js';
import { registerOssFunctions } from '../udf/registerOssFunctions.js';
import { SigningPool } from '../udf/SigningPool.js';
import { SigningKeyCache } from '../oss/signing/SigningKeyCache.js';
import { FunctionErrorMailbox } from './FunctionErrorMailbox.js';
import { DuckStatementRunner } from './DuckStatementRunner.js';
import { IssuedUrlLog } from './IssuedUrlLog.js';
import type { HandlerContext } from './handlers/HandlerContext.js';
import { StatementStop } from './StatementStop.js';
import { keepByteOrderMarks } from './keepByteOrderMarks.js';
import { Namespace } from './Namespace.js';
import { OssAccess } from './OssAccess.js';
import type { SessionOptions } from './SessionOptions.js';
import { SettingError } from './SettingError.js';
import { Settings } from './Settings.js';
import { StatementClock } from './StatementClock.js';
import { applyDuckSetting, fenceDuckDB, isDuckSetting } from './duckSettings.js';
import { endpointPolicyOf } from './endpointPolicyOf.js';
import { PortabilityGuard } from './PortabilityGuard.js';
import { isDuckError, mapDuckError } from './mapDuckError.js';
import { handleStatement } from './statementHandlers.js';
import type { StatementResult } from './StatementResult.js';

export const DEFAULT_PROJECT = 'default_project';

const noRows = async function* (): AsyncGenerator<DuckDBValue[][]> {};


/** The position a dialect statement's errors are reported at: the name it acts on, if it has one. */
function namePosition(statement: DialectStatement | undefined): SourcePosition | undefined {
  return statement && 'name' in statement && typeof statement.name === 'object' ? statement.name.position : undefined;
}

/**
 * A DuckDB instance with ossduck's catalog, settings and functions, and its
 * statement loop: a MaxCompute script runs statement by statement, ossduck's
 * own statements through their handlers and everything else through DuckDB.
 */
export class Session {
  readonly settings: Settings;
  readonly catalog: Catalog;
  readonly namespace: Namespace;
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  readonly #clock: StatementClock;
  readonly #errors = new FunctionErrorMailbox();
  readonly #oss: OssAccess;
  readonly #signingPool: SigningPool;
  readonly #issuedUrls: IssuedUrlLog;
  readonly #duck: DuckStatementRunner;
  readonly #handlers: HandlerContext;
  readonly #stop = new StatementStop();
  readonly #functions: FunctionContext;
  readonly #closeWith: { close(): Promise<void> } | undefined;
  readonly #snapshot = new ObjectTableSnapshot();
  readonly #portability = new PortabilityGuard();
  #busy = false;
  #closed = false;

  private constructor(instance: DuckDBInstance, connection: DuckDBConnection, catalog: Catalog, settings: Settings, options: SessionOptions, project: string) {
    this.#instance = instance;
    this.#connection = connection;
    this.catalog = catalog;
    this.settings = settings;
    const now = options.clock ?? Date.now;
    this.#clock = new StatementClock(settings, now);
    const routing = options.routing ?? routingFromEnvironment(process.env);
    this.#oss = new OssAccess({
      credentials: options.credentials ?? new EnvironmentCredentialSource(),
      routing: typeof routing === 'function' ? routing : () => routing,
      clock: now,
      endpoints: () => endpointPolicyOf(settings, this.#oss.routing),
      urlForm: () => settings.urlForm,
      readLimits: () => settings.readLimits,
    });
    this.#signingPool = new SigningPool(options.signingThreads === undefined ? {} : { threads: options.signingThreads });
    this.#closeWith = options.closeWith;
    this.#issuedUrls = new IssuedUrlLog(() => settings.auditLog, (message) => options.onWarning?.(message));
    const run = async (sql: string): Promise<void> => void (await connection.run(sql));
    this.namespace = new Namespace(run, catalog, settings, project);
    const catalogStatements: CatalogStatementContext = {
      catalog,
      get timezone() {
        return settings.timezone;
      },
      query: async (sql) => (await connection.runAndReadAll(sql)).getRows().map((row) => row.map((v) => (v === null ? null : String(v)))),
      run,
    };
    this.#handlers = {
      catalog,
      settings,
      namespace: this.namespace,
      oss: this.#oss,
      clock: now,
      onProgress: options.onProgress,
      stop: this.#stop,
      onNotice: options.onNotice,
      catalogStatements,
      isDuckSetting: (key) => isDuckSetting(connection, key),
      applyDuckSetting: (key, value) => applyDuckSetting(connection, key, value),
    };
    this.#functions = {
      statement: this.#clock,
      errors: this.#errors,
      tables: { named: (name, fn) => this.#snapshot.named(name, fn, settings.namespaceSchema), all: () => this.#snapshot.all() },
      oss: this.#oss,
      signingPool: this.#signingPool,
      signingKeys: new SigningKeyCache(),
      issuedUrls: this.#issuedUrls,
      warn: (message) => options.onWarning?.(message),
    };
    this.#duck = new DuckStatementRunner({
      connection,
      catalog,
      namespace: this.namespace,
      oss: this.#oss,
      snapshot: this.#snapshot,
      errors: this.#errors,
      issuedUrls: this.#issuedUrls,
      functions: this.#functions,
      stop: this.#stop,
    });
  }

  /** Opens a session: DuckDB, the catalog of the warehouse, settings and functions. */
  static async open(options: SessionOptions = {}): Promise<Session> {
    const given = Object.entries(options.settings ?? {});
    let settings: Settings;
    try {
      settings = new Settings(Object.fromEntries(given.filter(([k]) => Settings.owns(k))));
    } catch (error) {
      throw error instanceof OssduckError ? SettingError.refused(error.detail, error) : error;
    }
    const project = projectName(options.project ?? DEFAULT_PROJECT);
    keepByteOrderMarks();
    const instance = await DuckDBInstance.create(':memory:');
    try {
      const connection = await instance.connect();
      const warehouse = typeof options.warehouse === 'string' ? DirectoryWarehouse.open(options.warehouse) : (options.warehouse ?? new MemoryWarehouse());
      const catalog = await Catalog.open(new DuckCatalogDatabase(connection), warehouse);
      const legacy = warehouse.legacyCatalogFile;
      if (legacy !== undefined && !warehouse.readOnly) await migrateLegacyCatalog(catalog, legacy);
      const session = new Session(instance, connection, catalog, settings, options, project);
      registerOssFunctions(connection, session.#functions);
      // MaxCompute keeps no row order without ORDER BY; DuckDB's keeping it doubles the memory of big
      // exports. Its allocator also hands freed memory back sooner: a million-URL export stays near 350 MB.
      await connection.run('SET preserve_insertion_order = false');
      await connection.run("SET allocator_flush_threshold = '32MB'");
      await connection.run("SET allocator_bulk_deallocation_flush_threshold = '32MB'");
      // MaxCompute takes NULL as smaller than any value in ORDER BY (first ascending, last descending); DuckDB puts it last.
      await connection.run("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
      await session.namespace.applyTimezone();
      for (const [key, value] of given.filter(([k]) => !Settings.owns(k))) await applyDuckSetting(connection, key, value);
      await catalog.ensureProject(project);
      await session.namespace.use(project, DEFAULT_SCHEMA);
      // Views and macros kept in a warehouse directory may call OSS or MaxCompute functions.
      if (warehouse instanceof DirectoryWarehouse) await session.#duck.learnDefinitions();
      if (settings.sandbox) {
        const projects = warehouse instanceof DirectoryWarehouse ? [warehouse.projectsPath] : [];
        await fenceDuckDB(connection, [...projects, ...(options.allowDirectories ?? [])]);
      }
      return session;
    } catch (error) {
      instance.closeSync();
      throw error;
    }
  }

  get currentProject(): string {
    return this.namespace.project;
  }

  get currentSchema(): string {
    return this.namespace.schema;
  }

  /** Where OSS and STS requests of this session go. */
  get routing(): OssAccess['routing'] {
    return this.#oss.routing;
  }

  /**
   * Runs a script statement by statement, yielding each statement's result.
   * The first failing statement throws and ends the run.
   */
  async *execute(script: string): AsyncGenerator<StatementResult> {
    if (this.#closed) throw OssduckError.internal('the session is closed');
    if (this.#busy) throw OssduckError.internal('another script is still running on this session');
    this.#busy = true;
    try {
      const positionAt = lineIndex(script);
      const statements = splitStatements(script);
      for (let i = 0; i < statements.length; i++) {
        const result = { ...(await this.#executeOne(statements[i]!, script, positionAt)), isLast: i === statements.length - 1 };
        yield result;
        // Rows the caller did not read are read here: a statement that fails on a later row fails the script.
        for await (const _ of result.chunks()) void _;
        const done = statements[i]!;
        this.#portability.ran(done);
        await positioned(done.position, () => this.#duck.afterStatement(done));
      }
    } catch (error) {
      this.#issuedUrls.discard();
      throw error;
    } finally {
      this.#busy = false;
      // A statement whose caller stopped reading its rows: its transaction ends, and the URLs it issued may be in use, so they are recorded.
      await this.#duck.settle();
      await this.#issuedUrls.settle();
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
    this.#stop.interrupt();
    this.#issuedUrls.interrupt();
  }

  /** Makes MaxCompute's date and string functions now (the shell does, to complete their names). */
  async loadMaxComputeFunctions(): Promise<void> {
    await this.#duck.loadMaxComputeFunctions();
  }

  /** Closes DuckDB, the OSS and signing workers and whatever was handed in to close along (the embedded local OSS). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#connection.closeSync();
    this.#instance.closeSync();
    await this.#oss.close();
    await this.#signingPool.close();
    await this.#closeWith?.close();
    await this.#issuedUrls.close();
  }

  async #executeOne(statement: ScriptStatement, script: string, positionAt: (offset: number) => SourcePosition): Promise<Omit<StatementResult, 'isLast'>> {
    this.#clock.next();
    this.#errors.take();
    if (this.settings.get('ossduck.portable') === 'strict') this.#portability.check(statement, script);
    await positioned(statement.position, () => this.#issuedUrls.begin(this.#clock.id, statement.text));
    if (this.#duck.needs.of(statement).namesCatalog) {
      throw SqlError.semantic(`the schema ${CATALOG_SCHEMA} of every project holds ossduck's catalog; SQL does not name it`, statement.position);
    }
    const dialect = positionedSync(statement.position, () => parseDialect(statement, script, positionAt));
    if (dialect) {
      const at = namePosition(dialect) ?? statement.position;
      const result = await positioned(at, async () => {
        try {
          return await handleStatement(dialect, this.#handlers);
        } catch (error) {
          // DuckDB's own failures under a handler (an aborted transaction, a full disk) are said as DuckDB's are.
          throw error instanceof OssduckError || !isDuckError(error) ? error : mapDuckError(error, at);
        }
      });
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
    return this.#duck.run(statement, positionAt);
  }
}
