import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

/**
 * A child process whose output is read as it comes, and which is known to be
 * gone, with everything it started that kept its output open, when
 * `closed` resolves: its stdout and stderr pipes close only when the last
 * process holding them (a grandchild under `npx` or `sh -c`, too) has exited.
 */
export class WatchedProcess {
  readonly child: ChildProcess;
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #out = '';
  #err = '';
  #isClosed = false;
  readonly #waiters = new Set<() => void>();

  private constructor(child: ChildProcess) {
    this.child = child;
    const wake = (): void => {
      for (const waiter of [...this.#waiters]) waiter();
    };
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      this.#out += d;
      wake();
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      this.#err += d;
      wake();
    });
    this.closed = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        this.#isClosed = true;
        resolve({ code, signal });
        wake();
      });
    });
  }

  static start(command: string, args: readonly string[], options: { env: Record<string, string>; cwd?: string }): WatchedProcess {
    return new WatchedProcess(spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  get stdout(): string {
    return this.#out;
  }

  get stderr(): string {
    return this.#err;
  }

  /** Waits until stdout or stderr (`which`) holds a match; fails when the output closes first. */
  output(which: 'stdout' | 'stderr', pattern: RegExp): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(which === 'stdout' ? this.#out : this.#err);
        if (match) {
          this.#waiters.delete(check);
          resolve(match);
        } else if (this.#isClosed) {
          this.#waiters.delete(check);
          reject(new Error(`output ended before ${which} matched ${pattern}:\nstdout: ${this.#out}\nstderr: ${this.#err}`));
        }
      };
      this.#waiters.add(check);
      check();
    });
  }
}

/** The processes whose command line mentions `marker` (read from /proc). */
export function processesMentioning(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Whether a TCP connection to `origin` (http://host:port) is refused: nothing listens there. */
export function refusesConnections(origin: string): Promise<boolean> {
  const url = new URL(origin);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
