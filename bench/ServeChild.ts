import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/ossduck.js', import.meta.url));

/** `ossduck serve` in a child process: a local OSS as a separate program, like a user runs it. */
export class ServeChild {
  readonly child: ChildProcess;
  readonly url: string;

  private constructor(child: ChildProcess, url: string) {
    this.child = child;
    this.url = url;
  }

  /** `extra`: more options of `ossduck serve` (e.g. `--latency 20`). */
  static start(root: string, env: Record<string, string>, extra: readonly string[] = []): Promise<ServeChild> {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--root', root, ...extra], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return new Promise((resolve, reject) => {
      let out = '';
      child.on('exit', (code) => reject(new Error(`ossduck serve exited with ${code}`)));
      child.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const m = /^oss: (\S+)$/m.exec(out);
        if (m) {
          child.removeAllListeners('exit');
          resolve(new ServeChild(child, m[1]!));
        }
      });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}
