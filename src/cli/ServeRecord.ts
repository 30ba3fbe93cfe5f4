import type { OssEmulator } from '../emulator/OssEmulator.js';
import type { Credentials } from '../oss/Credentials.js';
import { forgetServer, localOssRoot, recordServer } from '../oss/local/LocalOssServer.js';
import { VERSION } from '../version.js';

/**
 * The record `ossduck serve --db` keeps in its warehouse while it runs
 * (`local-oss-server.json`: where it listens, its pid, its folder of
 * buckets and the account's id; never the secret), which `ossduck --db`
 * reads to send its requests and URLs there. Removed when the server stops,
 * and when the process exits by any other way it can see; a record left by
 * a killed server is recognised as stale by its readers.
 */
export class ServeRecord {
  readonly #warehouse: string;
  readonly #onExit = (): void => this.remove();

  constructor(warehouse: string, emulator: OssEmulator, account: Credentials) {
    this.#warehouse = warehouse;
    recordServer(warehouse, {
      ossUrl: emulator.ossUrl,
      stsUrl: emulator.stsUrl,
      consoleUrl: emulator.consoleUrl,
      pid: process.pid,
      root: localOssRoot(warehouse),
      accessKeyId: account.accessKeyId,
      version: VERSION,
      startedAt: new Date().toISOString(),
    });
    process.once('exit', this.#onExit);
  }

  remove(): void {
    process.off('exit', this.#onExit);
    forgetServer(this.#warehouse, process.pid);
  }
}
