import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Credentials } from '../../src/oss/Credentials.js';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import type { HeaderList } from '../../src/oss/signing/SignatureV4.js';
import { BIN } from './runCli.js';

/** A real `ossduck serve` child process, its URLs read from its stdout. */
export class ServeProcess {
  readonly child: ChildProcess;
  readonly ossUrl: string;
  readonly stsUrl: string;
  /** The web console's address, when it is on. */
  readonly consoleUrl: string | undefined;
  #stderr = '';

  private constructor(child: ChildProcess, ossUrl: string, stsUrl: string, consoleUrl: string | undefined) {
    this.child = child;
    this.ossUrl = ossUrl;
    this.stsUrl = stsUrl;
    this.consoleUrl = consoleUrl;
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (this.#stderr += d));
  }

  /** A V4 presigner for `bucket` on this server (path style), signed now for an hour in cn-hangzhou. */
  presigner(spec: { readonly credentials: Credentials; readonly bucket: string; readonly method: string; readonly headers?: HeaderList }): Presigner {
    return new Presigner({
      version: 'v4',
      credentials: spec.credentials,
      method: spec.method,
      bucket: spec.bucket,
      headers: spec.headers ?? [],
      signTime: Math.floor(Date.now() / 1000),
      expiresIn: 3600,
      region: 'cn-hangzhou',
      product: 'oss',
      address: { scheme: 'http', host: new URL(this.ossUrl).host, style: 'path' },
    });
  }

  static start(args: readonly string[], env: Record<string, string>): Promise<ServeProcess> {
    const child = spawn(process.execPath, [BIN, 'serve', ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`ossduck serve printed no URLs: ${out}`)), 30_000);
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`ossduck serve exited with ${code}: ${out}`)));
      child.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const oss = /^oss: (\S+)$/m.exec(out);
        const sts = /^sts: (\S+)$/m.exec(out);
        if (oss && sts) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          // The banner is one write: the console line, when there is one, came with the others.
          resolve(new ServeProcess(child, oss[1]!, sts[1]!, /^console: (\S+)$/m.exec(out)?.[1]));
        }
      });
    });
  }

  get stderr(): string {
    return this.#stderr;
  }

  /** Waits until stderr holds a match for `pattern` (rejects if the process exits first). */
  stderrMatch(pattern: RegExp): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const match = pattern.exec(this.#stderr);
        if (!match) return false;
        this.child.stderr?.off('data', onData);
        this.child.off('exit', onExit);
        resolve(match);
        return true;
      };
      const onData = (): void => {
        // (the listener above, added first, has appended the data)
        check();
      };
      const onExit = (): void => reject(new Error(`ossduck serve exited before stderr matched ${pattern}: ${this.#stderr}`));
      if (check()) return;
      this.child.stderr?.on('data', onData);
      this.child.once('exit', onExit);
    });
  }

  /** Sends SIGTERM and waits for the exit code (null when a signal ended it). */
  stop(): Promise<number | null> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve(this.child.exitCode);
      this.child.once('exit', (code) => resolve(code));
      this.child.kill('SIGTERM');
    });
  }
}
