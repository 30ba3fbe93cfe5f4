import { qualifiedName } from '../catalog/ObjectTable.js';
import { Presigner } from '../oss/signing/Presigner.js';
import { TableUrlPolicy } from './TableUrlPolicy.js';
import type { FunctionContext, UrlIssue } from './FunctionContext.js';
import type { SignedUrlVisitor } from './SigningPool.js';

/** A presigner and the object-key prefix of its table, as bytes for batch signing. */
export interface SignerEntry {
  readonly presigner: Presigner;
  readonly prefix: Buffer;
  readonly prefixText: string;
  /** The prefix's first byte, or -1 when it is empty. */
  readonly firstByte: number;
}

/**
 * A signing function's tables' URL policies and presigners (one per table,
 * method and expiry), kept for one statement and at most 256 of each, with
 * the audit log's description of each presigner's URLs when the statement
 * records them.
 */
export class PresignerCache {
  readonly #context: FunctionContext;
  readonly #functionName: string;
  readonly #statement: FunctionContext['statement'];
  readonly #tables: FunctionContext['tables'];
  readonly #oss: FunctionContext['oss'];
  readonly #issued: FunctionContext['issuedUrls'];
  #cachedFor = -1;
  readonly #policies = new Map<string, TableUrlPolicy>();
  readonly #presigners = new Map<string, SignerEntry>();
  // The audit log's description of each presigner's URLs, made with the presigner when the statement records them.
  readonly #issues = new WeakMap<Presigner, UrlIssue>();
  #issuer: Presigner | undefined;
  #issue: UrlIssue | undefined;
  readonly #record: SignedUrlVisitor;

  constructor(context: FunctionContext, functionName: string) {
    this.#context = context;
    this.#functionName = functionName;
    this.#statement = context.statement;
    this.#tables = context.tables;
    this.#oss = context.oss;
    const issued = context.issuedUrls;
    this.#issued = issued;
    this.#record = (presigner, keys, start, end) => {
      if (presigner !== this.#issuer) {
        this.#issuer = presigner;
        this.#issue = this.#issues.get(presigner)!;
      }
      issued.add(this.#issue!, keys, start, end);
    };
  }

  /** Empties the caches when the statement is not the one they were filled for. */
  forStatement(id: number): void {
    if (this.#cachedFor !== id) {
      this.#policies.clear();
      this.#presigners.clear();
      this.#cachedFor = id;
    }
  }

  /** What adds signed URLs to the audit log, or undefined when the statement records none. */
  recorder(): SignedUrlVisitor | undefined {
    return this.#issued.recording ? this.#record : undefined;
  }

  policyFor(tableName: string): TableUrlPolicy {
    let policy = this.#policies.get(tableName);
    if (!policy) {
      policy = new TableUrlPolicy(this.#tables.named(tableName, this.#functionName));
      if (this.#policies.size >= 256) this.#policies.clear();
      this.#policies.set(tableName, policy);
    }
    return policy;
  }

  presignerFor(policy: TableUrlPolicy, method: string, expiresIn: number, signTime: number): SignerEntry {
    const statement = this.#statement;
    const oss = this.#oss;
    const issued = this.#issued;
    const fn = this.#functionName;
    const table = policy.table;
    const cacheKey = `${qualifiedName(table)}\u0000${method}\u0000${expiresIn}`;
    let entry = this.#presigners.get(cacheKey);
    if (!entry) {
      const presigner = new Presigner({
        version: statement.signatureVersion,
        credentials: oss.signingCredentials(table, fn, (signTime + expiresIn) * 1000),
        method,
        bucket: table.location.bucket,
        signTime,
        expiresIn,
        region: table.region,
        product: table.product,
        keys: this.#context.signingKeys,
        address: oss.urlAddress(table, policy.form(), fn),
      });
      if (issued.recording) this.#issues.set(presigner, issued.describe(fn, table, presigner));
      const prefix = Buffer.from(table.location.prefix, 'utf8');
      entry = { presigner, prefix, prefixText: table.location.prefix, firstByte: prefix[0] ?? -1 };
      if (this.#presigners.size >= 256) this.#presigners.clear();
      this.#presigners.set(cacheKey, entry);
    }
    return entry;
  }
}
