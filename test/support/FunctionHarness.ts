import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { ObjectTableDefinition } from '../../src/catalog/ObjectTable.js';
import { qualifiedName } from '../../src/catalog/ObjectTable.js';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { parseOssLocation, scopeOfLocation } from '../../src/oss/OssLocation.js';
import type { OssRouting } from '../../src/oss/OssRouting.js';
import { OssduckError } from '../../src/OssduckError.js';
import { FunctionErrorMailbox } from '../../src/session/FunctionErrorMailbox.js';
import { OssAccess } from '../../src/session/OssAccess.js';
import type { FunctionContext, IssuedUrls, StatementScope } from '../../src/udf/FunctionContext.js';
import { CatalogError } from '../../src/catalog/CatalogError.js';
import { SigningPool } from '../../src/udf/SigningPool.js';
import { SigningKeyCache } from '../../src/oss/signing/SigningKeyCache.js';

/** An object table's definition, as CREATE OBJECT TABLE would make it. */
export function objectTable(name: string, location: string, extra: Partial<ObjectTableDefinition> = {}): ObjectTableDefinition {
  const [project, schema, table] = name.split('.');
  const parsed = parseOssLocation(location);
  const scope = scopeOfLocation(parsed);
  return {
    project: project!,
    schema: schema!,
    name: table!,
    location: parsed,
    region: scope.region,
    product: scope.product,
    roleArn: undefined,
    serdeProperties: {},
    tblProperties: {},
    comment: undefined,
    createdAt: '2026-11-23T12:00:00.000Z',
    lastRefreshedAt: undefined,
    ...extra,
  };
}

export interface HarnessOptions {
  readonly tables: readonly ObjectTableDefinition[];
  readonly credentials?: Credentials;
  /** The statement instant, epoch ms. */
  readonly instant?: number;
  readonly timezone?: string;
  readonly signatureVersion?: 'v1' | 'v4';
  readonly signingThreads?: number;
  readonly routing?: OssRouting;
  /** Where the functions record the URLs they return; nowhere by default. */
  readonly issuedUrls?: IssuedUrls;
}

/** The audit log when it is off: the functions ask `recording` and do nothing more. */
const NOT_RECORDING: IssuedUrls = {
  recording: false,
  describe: () => {
    throw new Error('describe called while not recording');
  },
  add: () => {
    throw new Error('add called while not recording');
  },
  addName: () => {
    throw new Error('addName called while not recording');
  },
};

/**
 * One of ossduck's SQL functions on a bare DuckDB connection, given a
 * FunctionContext made here: no session, no catalog, no statement loop.
 * Each `run` is one statement (the scope's id moves on).
 */
export class FunctionHarness {
  readonly signingPool: SigningPool;
  readonly oss: OssAccess;
  readonly errors = new FunctionErrorMailbox();
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  readonly #scope: { id: number; instant: number; timezone: string; signatureVersion: 'v1' | 'v4' };

  private constructor(instance: DuckDBInstance, connection: DuckDBConnection, options: HarnessOptions) {
    this.#instance = instance;
    this.#connection = connection;
    this.#scope = {
      id: 0,
      instant: options.instant ?? Date.UTC(2026, 10, 23, 12),
      timezone: options.timezone ?? 'Asia/Shanghai',
      signatureVersion: options.signatureVersion ?? 'v4',
    };
    this.signingPool = new SigningPool(options.signingThreads === undefined ? {} : { threads: options.signingThreads });
    const credentials = options.credentials ?? new Credentials({ accessKeyId: 'LTAIharness', accessKeySecret: 'harness-secret' });
    const routing = options.routing ?? {};
    this.oss = new OssAccess({ credentials: new StaticCredentialSource(credentials), routing: () => routing, clock: () => this.#scope.instant });
  }

  /** Opens DuckDB and registers what `register` makes from the context. */
  static async open(options: HarnessOptions, register: (connection: DuckDBConnection, context: FunctionContext) => void): Promise<FunctionHarness> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const harness = new FunctionHarness(instance, connection, options);
    await harness.oss.resolve();
    const tables = new Map(options.tables.map((t) => [qualifiedName(t), t] as const));
    const context: FunctionContext = {
      statement: harness.#scope as StatementScope,
      errors: harness.errors,
      tables: {
        named: (name, fn) => {
          const table = tables.get(name.toLowerCase());
          if (!table) throw CatalogError.noObjectTable(fn, name);
          return table;
        },
        all: () => [...tables.values()],
      },
      oss: harness.oss,
      signingPool: harness.signingPool,
      signingKeys: new SigningKeyCache(),
      issuedUrls: options.issuedUrls ?? NOT_RECORDING,
      warn: () => undefined,
    };
    register(connection, context);
    return harness;
  }

  /** Runs one statement; its rows, or the ossduck error a function recorded (DuckDB's own error otherwise). */
  async run(sql: string): Promise<DuckDBValue[][]> {
    this.#scope.id++;
    this.errors.take();
    try {
      return (await this.#connection.runAndReadAll(sql)).getRows();
    } catch (error) {
      const recorded = this.errors.take();
      throw recorded instanceof OssduckError ? recorded : error;
    }
  }

  async close(): Promise<void> {
    this.#connection.closeSync();
    this.#instance.closeSync();
    await this.oss.close();
    await this.signingPool.close();
  }
}
