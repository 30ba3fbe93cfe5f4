import { qualifiedName } from '../catalog/ObjectTable.js';
import type { ObjectTableDefinition } from '../catalog/ObjectTable.js';
import type { AssumeRoleCall, ObjectRead, ObjectReadResult, ReadLimits } from '../oss/bridge/BridgeProtocol.js';
import { readLimitsOf } from './readLimitsOf.js';
import { EndpointPolicy } from '../oss/EndpointPolicy.js';
import { SyncBridge } from '../oss/bridge/SyncBridge.js';
import type { BridgeListing } from '../oss/bridge/SyncBridge.js';
import type { CredentialSource } from '../oss/CredentialSource.js';
import type { Credentials } from '../oss/Credentials.js';
import type { BucketTarget } from '../oss/OssClient.js';
import { OssError } from '../oss/OssError.js';
import { addressFor } from '../oss/OssRouting.js';
import type { OssRouting } from '../oss/OssRouting.js';
import { RoleCredentials } from '../oss/RoleCredentials.js';
import type { RoleNeed } from '../oss/RoleCredentials.js';
import type { UrlAddress } from '../oss/signing/UrlAddress.js';
import { assumeRole } from '../oss/StsClient.js';
import { endpointChoiceText, resolveUrlAddress } from '../oss/UrlForm.js';
import type { UrlForm } from '../oss/UrlForm.js';
import { OssduckError } from '../OssduckError.js';
import { FunctionError } from '../udf/FunctionError.js';
import type { FunctionOss, VerificationCredentials } from '../udf/FunctionContext.js';

/** How long credentials must last for reads (REFRESH, GET_DATA_FROM_OSS). */
const READ_VALIDITY_MS = 15 * 60 * 1000;

export interface OssAccessOptions {
  /** Where the base credentials come from. */
  readonly credentials: CredentialSource;
  /**
   * Where OSS and STS requests go. Asked each time, after credentials are
   * resolved: the embedded local OSS knows its address only once started.
   */
  readonly routing: () => OssRouting;
  /** Epoch milliseconds now. */
  readonly clock: () => number;
  /** Which endpoints requests may reach, asked before each request; anywhere when absent. */
  readonly endpoints?: (() => EndpointPolicy) | undefined;
  /** How URLs are written (`ossduck.url.form`); the SDKs' form when absent. */
  readonly urlForm?: (() => 'sdk' | 'maxcompute') | undefined;
  /** How reads are bounded (the `ossduck.get_data.*` and `ossduck.oss.*` settings); the settings' defaults when absent. */
  readonly readLimits?: (() => ReadLimits) | undefined;
}

/**
 * A session's way to OSS: its base credentials (resolved before each statement
 * that needs them), the STS credentials of RoleARN tables (AssumeRole, cached
 * and renewed), where requests and URLs go (routing), and the synchronous
 * calls SQL functions make through the OSS worker. It is what the SQL
 * functions get as their `FunctionOss`, and what REFRESH METADATA lists with.
 */
export class OssAccess implements FunctionOss {
  readonly #source: CredentialSource;
  readonly #routing: () => OssRouting;
  readonly #clock: () => number;
  readonly #roles: RoleCredentials;
  readonly #bridge = new SyncBridge();
  readonly #endpoints: () => EndpointPolicy;
  readonly #urlForm: () => 'sdk' | 'maxcompute';
  readonly #readLimits: () => ReadLimits;
  #base: Credentials | OssduckError | undefined;

  constructor(options: OssAccessOptions) {
    this.#source = options.credentials;
    this.#routing = options.routing;
    this.#clock = options.clock;
    this.#roles = new RoleCredentials({ now: options.clock, sts: () => this.#routing().sts });
    this.#endpoints = options.endpoints ?? EndpointPolicy.anywhere;
    this.#urlForm = options.urlForm ?? (() => 'sdk');
    this.#readLimits = options.readLimits ?? (() => readLimitsOf(() => undefined));
  }

  /** Where OSS and STS requests go now. */
  get routing(): OssRouting {
    return this.#routing();
  }

  /** The credential source's own local account (the embedded local OSS), known without starting anything. */
  get localAccount(): Credentials | undefined {
    return this.#source.localAccount;
  }

  /**
   * Resolves the base credentials, before a statement that signs or reads
   * OSS. A failure is kept, not thrown: it is reported by the first function
   * that needs credentials, naming itself.
   */
  async resolve(): Promise<void> {
    try {
      this.#base = await this.#source.resolve();
    } catch (error) {
      this.#base = error instanceof OssduckError ? error : OssError.credentials(String((error as Error)?.message ?? error));
    }
  }

  signingCredentials(table: ObjectTableDefinition, functionName: string, validUntil: number): Credentials {
    const base = this.#resolvedBase();
    if (table.roleArn === undefined) return base;
    const need = roleNeed(table, validUntil, functionName);
    const plan = this.#roles.plan(base, need);
    if ('cached' in plan) return plan.cached;
    this.#checkSts(plan.call, functionName);
    return this.#roles.keep(base, need, this.#bridge.assumeRole(plan.call));
  }

  /** The credentials of `table`'s OSS calls from asynchronous code (REFRESH METADATA): base, or STS for a RoleARN table. */
  async credentialsFor(table: ObjectTableDefinition, purpose: string): Promise<Credentials> {
    await this.resolve();
    const base = this.#resolvedBase();
    if (table.roleArn === undefined) return base;
    const need = roleNeed(table, this.#clock() + READ_VALIDITY_MS, purpose);
    const plan = this.#roles.plan(base, need);
    if ('cached' in plan) return plan.cached;
    this.#checkSts(plan.call, purpose);
    return this.#roles.keep(base, need, await assumeRole(plan.call));
  }

  /** STS AssumeRole goes to the routed STS origin, or to the region's endpoint. */
  #checkSts(call: AssumeRoleCall, what: string): void {
    const origin = call.stsOrigin ?? { scheme: 'https' as const, host: `sts.${call.region}.aliyuncs.com` };
    this.#endpoints().check(origin.host, origin.scheme, `${what}: STS AssumeRole of ${call.roleArn}`);
  }

  /**
   * In MaxCompute's URL form (`ossduck.url.form=maxcompute`) a URL is http
   * unless the table or the routing says otherwise, and writes `/` as `%2F`.
   */
  urlAddress(table: ObjectTableDefinition, form: UrlForm, functionName: string): UrlAddress {
    const maxCompute = this.#urlForm() === 'maxcompute';
    const chosen = maxCompute ? { ...form, scheme: form.scheme ?? 'http' } : form;
    const address = resolveUrlAddress(table.location.endpoint, { region: table.region, product: table.product }, chosen, this.#routing());
    if ('problem' in address) {
      throw FunctionError.invalid(
        functionName,
        `endpoint '${endpointChoiceText(form.endpoint ?? { kind: 'location' })}' cannot serve table ${qualifiedName(table)}: ${address.problem}`,
      );
    }
    return maxCompute ? { ...address.value, encodeSlash: true } : address.value;
  }

  /** Where a table's requests go, with credentials already in hand; an endpoint off the allowed list is refused. */
  target(table: ObjectTableDefinition, credentials: Credentials, what: string): BucketTarget {
    const address = addressFor(table.location.endpoint, this.#routing());
    this.#endpoints().check(address.host, address.scheme, `${what} on table ${qualifiedName(table)}`);
    return { bucket: table.location.bucket, region: table.region, product: table.product, address, credentials };
  }

  bucketTarget(table: ObjectTableDefinition, functionName: string): BucketTarget {
    const address = addressFor(table.location.endpoint, this.#routing());
    this.#endpoints().check(address.host, address.scheme, `${functionName} on table ${qualifiedName(table)}`);
    return this.target(table, this.signingCredentials(table, functionName, this.#clock() + READ_VALIDITY_MS), functionName);
  }

  readObjects(target: BucketTarget, reads: readonly ObjectRead[], take: (index: number, result: ObjectReadResult) => void, partDone: () => void): void {
    this.#bridge.readObjects(target, reads, this.#readLimits(), take, partDone);
  }

  openListing(target: BucketTarget, prefix: string, statement: number): BridgeListing {
    return this.#bridge.openListing(target, prefix, this.#readLimits().concurrency, statement);
  }

  /**
   * The base credentials, or, when the source is a local emulator's own
   * account (the embedded local OSS), that account, which needs the emulator
   * neither started nor resolved.
   */
  verificationCredentials(): VerificationCredentials {
    const local = this.#source.localAccount;
    if (local) return { credentials: local, others: this.#roles.held(), missing: undefined, localAccount: this.#source.description };
    const base = this.#base;
    if (base instanceof OssduckError) return { credentials: undefined, others: this.#roles.held(), missing: base.detail, localAccount: undefined };
    if (base === undefined) return { credentials: undefined, others: [], missing: 'no credentials were resolved for this statement', localAccount: undefined };
    return { credentials: base, others: this.#roles.held(), missing: undefined, localAccount: undefined };
  }

  /** Stops the OSS worker. */
  async close(): Promise<void> {
    await this.#bridge.close();
  }

  #resolvedBase(): Credentials {
    const base = this.#base;
    if (base === undefined) throw OssduckError.internal('credentials were not resolved before the statement');
    if (base instanceof OssduckError) throw base;
    return base;
  }
}

function roleNeed(table: ObjectTableDefinition, validUntil: number, purpose: string): RoleNeed {
  return { roleArn: table.roleArn!, region: table.region, validUntil, purpose: `${purpose} on table ${qualifiedName(table)}` };
}
