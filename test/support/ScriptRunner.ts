import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ScriptOutcome, ScriptReply } from './scriptRunnerChild.js';

const CHILD = fileURLToPath(new URL('./scriptRunnerChild.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type RunResult = { readonly kind: 'timeout' } | { readonly kind: 'crash'; readonly detail: string } | (ScriptReply & { readonly kind: 'done' });

/**
 * Runs scripts in a child process holding one Session (scriptRunnerChild),
 * each under a deadline. A case that overruns it, or kills the child, is
 * reported as such, and the next case gets a fresh child.
 */
export class ScriptRunner {
  #child: ChildProcess | undefined;
  #ready: Promise<void> | undefined;
  #next = 0;

  async #start(): Promise<ChildProcess> {
    if (this.#child && this.#ready) {
      await this.#ready;
      return this.#child;
    }
    const child = fork(CHILD, [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.#child = child;
    this.#ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the script runner child did not start within 30 s')), 30_000);
      child.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the script runner child exited at start (${code ?? signal})`));
      });
    });
    await this.#ready;
    return child;
  }

  /** Runs `script`; at most `deadlineMs` before the child is killed and the case called a timeout. */
  async run(script: string, deadlineMs: number): Promise<RunResult> {
    const child = await this.#start();
    const id = ++this.#next;
    let stderr = '';
    const onErr = (d: Buffer): void => {
      stderr += d.toString('utf8');
    };
    child.stderr?.on('data', onErr);
    try {
      return await new Promise<RunResult>((resolve) => {
        const timer = setTimeout(() => {
          cleanup();
          this.#kill();
          resolve({ kind: 'timeout' });
        }, deadlineMs);
        const onMessage = (reply: ScriptReply): void => {
          if (reply.id !== id) return;
          cleanup();
          resolve({ kind: 'done', ...reply });
        };
        const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
          cleanup();
          this.#child = undefined;
          this.#ready = undefined;
          resolve({ kind: 'crash', detail: `exit ${code ?? signal}: ${stderr.slice(-2000)}` });
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          child.off('message', onMessage);
          child.off('exit', onExit);
        };
        child.on('message', onMessage);
        child.on('exit', onExit);
        child.send({ id, script });
      });
    } finally {
      child.stderr?.off('data', onErr);
    }
  }

  #kill(): void {
    const child = this.#child;
    this.#child = undefined;
    this.#ready = undefined;
    if (child && child.exitCode === null) child.kill('SIGKILL');
  }

  /** Closes the child's runtime and waits for it to exit. */
  async close(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    this.#ready = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.send('close');
    });
  }
}

export type { ScriptOutcome };
