import { DuckDBMapValue, DuckDBTimestampTZValue } from '@duckdb/node-api';
import { Presigner } from '../oss/signing/Presigner.js';
import type { FunctionContext, UrlIssue } from './FunctionContext.js';
import { readPresignOptions } from './readPresignOptions.js';
import type { PresignRequest } from './readPresignOptions.js';
import { StatementCache } from './StatementCache.js';
import { TableUrlPolicy } from './TableUrlPolicy.js';
import { urlLifetime } from './urlLifetime.js';
import type { LifetimeNames } from './urlLifetime.js';

/** The options of one row: a key that tells equal option sets apart, and the entries (a NULL value is not given). */
export interface RowOptions {
  readonly key: string;
  readonly entries: readonly (readonly [string, string | null])[];
}

/** Everything about one table's URLs with one set of options, but the key. */
export interface PreparedPresign {
  readonly presigner: Presigner;
  readonly prefix: string;
  readonly method: string;
  readonly expiresAt: DuckDBTimestampTZValue;
  readonly signedHeaders: DuckDBMapValue;
  /** What the audit log records of these URLs, when the statement records them. */
  readonly issue: UrlIssue | undefined;
}

const NAMES: LifetimeNames = { ttl: 'option ttl', expiration: 'option expiration', exclusiveHint: 'give only one of them' };

/**
 * Prepares OSSDUCK_PRESIGN's signing per table and set of options, once per
 * statement: the options read, the table's URL policy applied, the lifetime
 * fixed at the statement instant, the credentials and the URL address found.
 */
export class PresignPreparer {
  readonly #fn: string;
  readonly #context: Pick<FunctionContext, 'statement' | 'tables' | 'oss' | 'signingKeys' | 'issuedUrls'>;
  readonly #requests: StatementCache<PresignRequest>;
  readonly #policies: StatementCache<TableUrlPolicy>;
  readonly #prepared: StatementCache<PreparedPresign>;

  /** `fn` is the function's name, for errors. */
  constructor(fn: string, context: Pick<FunctionContext, 'statement' | 'tables' | 'oss' | 'signingKeys' | 'issuedUrls'>) {
    this.#fn = fn;
    this.#context = context;
    this.#requests = new StatementCache<PresignRequest>(context.statement);
    this.#policies = new StatementCache<TableUrlPolicy>(context.statement);
    this.#prepared = new StatementCache<PreparedPresign>(context.statement);
  }

  /** What signs `tableName`'s URLs with `options` in the running statement. */
  prepare(tableName: string, options: RowOptions): PreparedPresign {
    return this.#prepared.get(`${tableName}\u0000${options.key}`, () => this.#prepareNew(tableName, options));
  }

  #request(options: RowOptions): PresignRequest {
    const { statement } = this.#context;
    return this.#requests.get(options.key, () =>
      readPresignOptions(this.#fn, options.entries, { timezone: statement.timezone, version: statement.signatureVersion }),
    );
  }

  #policy(tableName: string): TableUrlPolicy {
    return this.#policies.get(tableName, () => new TableUrlPolicy(this.#context.tables.named(tableName, this.#fn)));
  }

  #prepareNew(tableName: string, options: RowOptions): PreparedPresign {
    const { statement, oss } = this.#context;
    const fn = this.#fn;
    const request = this.#request(options);
    const instantMs = statement.instant;
    const signTime = Math.floor(instantMs / 1000);
    let policy: TableUrlPolicy | undefined;
    const lifetime = urlLifetime(fn, request, NAMES, instantMs, statement.timezone, () => (policy ??= this.#policy(tableName)).defaultTtl);
    policy ??= this.#policy(tableName);
    policy.checkLifetime(fn, lifetime);
    policy.checkMethod(fn, request.method, 'method');
    const table = policy.table;
    const presigner = new Presigner({
      version: statement.signatureVersion,
      credentials: oss.signingCredentials(table, fn, (signTime + lifetime.expiresIn) * 1000),
      method: request.method,
      bucket: table.location.bucket,
      signTime,
      expiresIn: lifetime.expiresIn,
      region: table.region,
      product: table.product,
      keys: this.#context.signingKeys,
      address: oss.urlAddress(table, policy.form(request.form), fn),
      query: request.query,
      headers: request.headers,
      additionalHeaders: request.additionalHeaders,
    });
    return {
      presigner,
      prefix: table.location.prefix,
      method: request.method,
      expiresAt: new DuckDBTimestampTZValue(BigInt(signTime + lifetime.expiresIn) * 1_000_000n),
      signedHeaders: new DuckDBMapValue(request.headers.map(([key, value]) => ({ key, value }))),
      issue: this.#context.issuedUrls.recording ? this.#context.issuedUrls.describe(fn, table, presigner) : undefined,
    };
  }
}
