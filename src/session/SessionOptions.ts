import type { Warehouse } from '../catalog/Warehouse.js';
import type { CredentialSource } from '../oss/CredentialSource.js';
import type { OssRouting } from '../oss/OssRouting.js';

export interface SessionOptions {
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
  /** Something to close with the session (the embedded local OSS). */
  readonly closeWith?: { close(): Promise<void> } | undefined;
  /** Progress of long operations (REFRESH METADATA listings), for a terminal. */
  readonly onProgress?: ((message: string) => void) | undefined;
  /** Warnings (GET_DATA_FROM_OSS with WARN_AND_NULL); dropped when not given. */
  readonly onWarning?: ((message: string) => void) | undefined;
}
