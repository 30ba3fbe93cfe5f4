import type { ErrorKind } from '../../ErrorKinds.js';
import type { UrlAddress } from '../signing/UrlAddress.js';

/** Credentials as they cross to the worker (inside the process only). */
export interface PlainCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string | undefined;
}

export interface PlainBucketTarget {
  readonly bucket: string;
  readonly region: string;
  readonly product: string;
  readonly address: UrlAddress;
  readonly credentials: PlainCredentials;
}

export interface ObjectRead {
  readonly key: string;
  readonly offset: number;
  /** -1 for everything from `offset`. */
  readonly length: number;
}

export type ObjectReadResult =
  | { readonly status: 'ok'; readonly data: Uint8Array }
  | { readonly status: 'missing'; readonly message: string }
  | { readonly status: 'error'; readonly message: string };

/** A read the worker left for a later call: the bytes it would add did not fit in `heldBytes`. */
export type WorkerReadResult = ObjectReadResult | { readonly status: 'deferred' };

/** How reads are bounded (from the session's settings). */
export interface ReadLimits {
  /** The most bytes one read may return (`ossduck.get_data.max_bytes`). */
  readonly maxBytes: number;
  /** Requests in flight at once (`ossduck.oss.max_concurrency`). */
  readonly concurrency: number;
  /** `ossduck.oss.connect_timeout_ms`. */
  readonly connectTimeoutMs: number;
  /** Longest wait for the answer or for the next bytes of a body (`ossduck.oss.read_timeout_ms`). */
  readonly readTimeoutMs: number;
  /** The most body bytes one call holds at once; a read that would pass it is deferred to the next call. */
  readonly heldBytes: number;
}

export interface AssumeRoleCall {
  readonly credentials: PlainCredentials;
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly durationSeconds: number;
  /** STS origin, e.g. `http://127.0.0.1:9000`; undefined for the region's public endpoint. */
  readonly stsOrigin: { scheme: 'http' | 'https'; host: string } | undefined;
  readonly region: string;
}

export interface AssumeRoleResult {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string;
  /** ISO-8601 instant. */
  readonly expiration: string;
}

/** A listing of every object under `prefix`, run in the worker (ParallelLister) while the main thread takes its pages. */
export interface ListOpenCall {
  readonly prefix: string;
  /** The most listing requests in flight (`ossduck.oss.max_concurrency`). */
  readonly concurrency: number;
  /** Listings left open by earlier statements, closed first. */
  readonly close: readonly number[];
}

/** A request to the worker: an operation and its argument. */
export type BridgeRequest =
  | { readonly op: 'readObjects'; readonly target: PlainBucketTarget; readonly reads: readonly ObjectRead[]; readonly limits: ReadLimits }
  | { readonly op: 'listOpen'; readonly target: PlainBucketTarget; readonly call: ListOpenCall }
  | { readonly op: 'listNext'; readonly listing: number }
  | { readonly op: 'listClose'; readonly listing: number }
  | { readonly op: 'assumeRole'; readonly call: AssumeRoleCall };

/** A request as posted: its call number, so that an answer is matched to its call. */
export interface BridgeEnvelope {
  readonly id: number;
  readonly request: BridgeRequest;
}

export type BridgeAnswer =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly error: { readonly kind: ErrorKind; readonly detail: string };
      /** The signal that cut the call short, when one did. */
      readonly signal?: NodeJS.Signals;
    };

export type BridgeResponse = BridgeAnswer & { readonly id: number };
