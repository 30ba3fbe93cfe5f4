import { resolve } from 'node:path';
import { toCredentials } from './oss/Credentials.js';
import type { AccessKeyPair, Credentials } from './oss/Credentials.js';
import { chooseOss } from './session/chooseOss.js';
import { jsValue } from './session/jsValue.js';
import type { RowValue } from './session/jsValue.js';
import { Session } from './session/Session.js';
import type { StatementResult } from './session/StatementResult.js';

export type { RowValue } from './session/jsValue.js';
export type { StatementResult } from './session/StatementResult.js';

/** A result row: column names to values. */
export type Row = Record<string, RowValue>;

/** One statement's rows, read whole. */
export interface QueryResult {
  /** The statement as written in the script. */
  readonly sql: string;
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

export interface OssduckOptions {
  /** A warehouse directory that keeps projects, schemas and object tables between runs; in memory when absent. */
  readonly warehouse?: string | undefined;
  /** The project in use at start (`default_project`). */
  readonly project?: string | undefined;
  /** Session settings, as `SET key=value` would make them. */
  readonly settings?: Readonly<Record<string, string>> | undefined;
  /** Base credentials; by default OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET / OSS_SESSION_TOKEN, then the ALIBABA_CLOUD_* chain. */
  readonly credentials?: AccessKeyPair | Credentials | undefined;
  /** Send every OSS request and URL to this origin (e.g. a local emulator, `http://127.0.0.1:9000`); `OSSDUCK_OSS_ENDPOINT` by default. */
  readonly ossEndpoint?: string | undefined;
  /** Send STS AssumeRole to this origin; `OSSDUCK_STS_ENDPOINT` by default. */
  readonly stsEndpoint?: string | undefined;
  /** The environment credentials and endpoints are read from; `process.env` by default. */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** One-line notices, such as the embedded local OSS starting. */
  readonly onNotice?: ((message: string) => void) | undefined;
  /** Warnings such as GET_DATA_FROM_OSS's WARN_AND_NULL. */
  readonly onWarning?: ((message: string) => void) | undefined;
  /** Progress of long operations such as REFRESH METADATA. */
  readonly onProgress?: ((message: string) => void) | undefined;
  /** Threads that sign URLs: two by default on a machine with two cores or more; 1 keeps signing on the main thread. */
  readonly signingThreads?: number | undefined;
  /**
   * Runs SQL you did not write: DuckDB touches no file outside the
   * warehouse's projects and `allowDirectories`, installs and loads no
   * extension and has its configuration locked; ossduck's own requests reach
   * only Alibaba Cloud's endpoints, the endpoints given here and the routes
   * (`ossEndpoint`, `stsEndpoint`, the embedded local OSS). SQL cannot undo any
   * of it. (`settings: { 'ossduck.sandbox': 'true' }` is the same.)
   */
  readonly sandbox?: boolean | { readonly allowDirectories?: readonly string[]; readonly allowEndpoints?: readonly string[] } | undefined;
  /**
   * Append every URL that GET_SIGNED_URL_FROM_OSS, OSSDUCK_PRESIGN and
   * oss_presign_prefix return to this file, one JSON line each (no signature,
   * security token or secret), once its statement has succeeded: the audit
   * log of issued URLs. The same as `settings: { 'ossduck.audit_log': PATH }`.
   */
  readonly auditLog?: string | undefined;
  /** Names for the endpoint options in error messages (the command line says `--oss-endpoint`). */
  readonly endpointNames?: { readonly oss: string; readonly sts: string } | undefined;
}

function objectOf(names: readonly string[]): (values: readonly RowValue[]) => Row {
  return (values) => {
    const row: Row = {};
    names.forEach((name, i) => {
      row[name] = values[i] ?? null;
    });
    return row;
  };
}

async function* rowsOf(result: StatementResult): AsyncGenerator<Row> {
  const toRow = objectOf(result.columnNames);
  for await (const chunk of result.chunks()) {
    for (const values of chunk) yield toRow(values.map((v, i) => jsValue(v, result.columnTypes[i]!)));
  }
}

/**
 * ossduck for Node programs: MaxCompute SQL on an embedded DuckDB, with
 * GET_SIGNED_URL_FROM_OSS and the object-table statements. With neither OSS
 * credentials nor an OSS endpoint, OSS is the embedded local OSS (a local
 * emulator that checks every signature), started when a statement first
 * needs it and stopped by `close()`.
 */
export class Ossduck {
  readonly #session: Session;

  private constructor(session: Session) {
    this.#session = session;
  }

  static async open(options: OssduckOptions = {}): Promise<Ossduck> {
    const oss = chooseOss({
      credentials: options.credentials ? toCredentials(options.credentials, 'openOssduck credentials') : undefined,
      ossEndpoint: options.ossEndpoint,
      stsEndpoint: options.stsEndpoint,
      endpointNames: options.endpointNames,
      env: options.env ?? process.env,
      warehouse: options.warehouse,
      onNotice: options.onNotice,
    });
    try {
      const sandbox = options.sandbox === true ? {} : options.sandbox || undefined;
      const endpoints = [options.settings?.['ossduck.allowed_endpoints'], ...(sandbox?.allowEndpoints ?? [])].filter((e) => e !== undefined && e !== '');
      const session = await Session.open({
        warehouse: options.warehouse,
        project: options.project,
        settings: {
          ...options.settings,
          ...(sandbox ? { 'ossduck.sandbox': 'true' } : {}),
          ...(endpoints.length > 0 ? { 'ossduck.allowed_endpoints': endpoints.join(',') } : {}),
          ...(options.auditLog !== undefined ? { 'ossduck.audit_log': options.auditLog } : {}),
        },
        allowDirectories: sandbox?.allowDirectories?.map((d) => resolve(d)),
        credentials: oss.credentials,
        routing: oss.routing,
        closeWith: oss.closeWith,
        onWarning: options.onWarning,
        onNotice: options.onNotice,
        onProgress: options.onProgress,
        signingThreads: options.signingThreads,
      });
      return new Ossduck(session);
    } catch (error) {
      await oss.closeWith?.close();
      throw error;
    }
  }

  /** The project in use. */
  get currentProject(): string {
    return this.#session.currentProject;
  }

  /** The schema in use. */
  get currentSchema(): string {
    return this.#session.currentSchema;
  }

  /** A setting's value now (`odps.sql.timezone`, `ossduck.signature_version`, ...), or undefined when unset. */
  setting(key: string): string | undefined {
    return this.#session.settings.get(key);
  }

  /** The projects open in this session, and each one's schemas (names only). */
  async projects(): Promise<{ readonly name: string; readonly schemas: readonly string[] }[]> {
    const catalog = this.#session.catalog;
    const projects = [];
    for (const name of catalog.attachedProjects()) projects.push({ name, schemas: (await catalog.schemas(name)).map((s) => s.name) });
    return projects;
  }

  /**
   * Runs a script statement by statement, yielding each statement's result
   * with its columns, their DuckDB types and its rows as DuckDB values, chunk
   * by chunk. A statement's rows must be read (or left) before the next
   * statement runs; the first failing statement throws an `OssduckError`.
   */
  execute(script: string): AsyncGenerator<StatementResult> {
    return this.#session.execute(script);
  }

  /**
   * Runs a script and streams the rows of its last statement as they come.
   * Earlier statements run first, to completion. A statement that fails ends
   * the iteration with an `OssduckError`; rows already handed out stay
   * handed out.
   */
  async *rows(script: string): AsyncGenerator<Row> {
    for await (const result of this.#session.execute(script)) {
      if (!result.isLast || !result.returnsRows) continue;
      yield* rowsOf(result);
    }
  }

  /** Runs a script; returns every statement that returns rows, with all its rows. */
  async run(script: string): Promise<QueryResult[]> {
    const results: QueryResult[] = [];
    for await (const result of this.#session.execute(script)) {
      if (!result.returnsRows) continue;
      const rows: Row[] = [];
      for await (const row of rowsOf(result)) rows.push(row);
      results.push({ sql: result.statement.text, columns: result.columnNames, rows });
    }
    return results;
  }

  /** Makes MaxCompute's date and string functions now, rather than on first use (so their names can be listed). */
  loadMaxComputeFunctions(): Promise<void> {
    return this.#session.loadMaxComputeFunctions();
  }

  /** Cancels the statement that is running (DuckDB's interrupt). */
  interrupt(): void {
    this.#session.interrupt();
  }

  /** Closes DuckDB and everything ossduck started. */
  async close(): Promise<void> {
    await this.#session.close();
  }
}

/** Opens ossduck: a DuckDB with the catalog of `options.warehouse` (or in memory). */
export function openOssduck(options: OssduckOptions = {}): Promise<Ossduck> {
  return Ossduck.open(options);
}
