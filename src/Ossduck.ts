import { toCredentials } from './oss/Credentials.js';
import type { AccessKeyPair, Credentials } from './oss/Credentials.js';
import { EnvironmentCredentialSource, StaticCredentialSource } from './oss/CredentialSource.js';
import { parseOrigin, routingFromEnvironment } from './oss/OssRouting.js';
import { jsValue } from './sql/jsValue.js';
import type { RowValue } from './sql/jsValue.js';
import { Runtime } from './sql/Runtime.js';
import type { StatementResult } from './sql/Runtime.js';

export type { RowValue } from './sql/jsValue.js';

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
  readonly warehouse?: string;
  /** The project in use at start (`default_project`). */
  readonly project?: string;
  /** Session settings, as `SET key=value` would make them. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Base credentials; by default OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET / OSS_SESSION_TOKEN, then the ALIBABA_CLOUD_* chain. */
  readonly credentials?: AccessKeyPair | Credentials;
  /** Send every OSS request and URL to this origin (e.g. a local emulator, `http://127.0.0.1:9000`); `OSSDUCK_OSS_ENDPOINT` by default. */
  readonly ossEndpoint?: string;
  /** Send STS AssumeRole to this origin; `OSSDUCK_STS_ENDPOINT` by default. */
  readonly stsEndpoint?: string;
  /** Warnings such as GET_DATA_FROM_OSS's WARN_AND_NULL. */
  readonly onWarning?: (message: string) => void;
  /** Progress of long operations such as REFRESH METADATA. */
  readonly onProgress?: (message: string) => void;
  /** Threads that sign URLs: two by default on a machine with two cores or more; 1 keeps signing on the main thread. */
  readonly signingThreads?: number;
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
 * GET_SIGNED_URL_FROM_OSS and the object-table statements.
 */
export class Ossduck {
  readonly #runtime: Runtime;

  private constructor(runtime: Runtime) {
    this.#runtime = runtime;
  }

  static async open(options: OssduckOptions = {}): Promise<Ossduck> {
    const env = routingFromEnvironment(process.env);
    const runtime = await Runtime.open({
      warehouse: options.warehouse,
      project: options.project,
      settings: options.settings,
      credentials: options.credentials
        ? new StaticCredentialSource(toCredentials(options.credentials, 'openOssduck credentials'), 'the credentials given to openOssduck')
        : new EnvironmentCredentialSource(),
      routing: {
        oss: options.ossEndpoint ? parseOrigin(options.ossEndpoint, 'ossEndpoint') : env.oss,
        sts: options.stsEndpoint ? parseOrigin(options.stsEndpoint, 'stsEndpoint') : env.sts,
      },
      onWarning: options.onWarning,
      onProgress: options.onProgress,
      signingThreads: options.signingThreads,
    });
    return new Ossduck(runtime);
  }

  /**
   * Runs a script and streams the rows of its last statement as they come.
   * Earlier statements run first, to completion. A statement that fails ends
   * the iteration with an `OssduckError`; rows already handed out stay
   * handed out.
   */
  async *rows(script: string): AsyncGenerator<Row> {
    for await (const result of this.#runtime.execute(script)) {
      if (!result.isLast || !result.returnsRows) continue;
      yield* rowsOf(result);
    }
  }

  /** Runs a script; returns every statement that returns rows, with all its rows. */
  async run(script: string): Promise<QueryResult[]> {
    const results: QueryResult[] = [];
    for await (const result of this.#runtime.execute(script)) {
      if (!result.returnsRows) continue;
      const rows: Row[] = [];
      for await (const row of rowsOf(result)) rows.push(row);
      results.push({ sql: result.statement.text, columns: result.columnNames, rows });
    }
    return results;
  }

  /** Cancels the statement that is running (DuckDB's interrupt). */
  interrupt(): void {
    this.#runtime.interrupt();
  }

  /** Closes DuckDB and everything ossduck started. */
  async close(): Promise<void> {
    await this.#runtime.close();
  }
}

/** Opens ossduck: a DuckDB with the catalog of `options.warehouse` (or in memory). */
export function openOssduck(options: OssduckOptions = {}): Promise<Ossduck> {
  return Ossduck.open(options);
}
