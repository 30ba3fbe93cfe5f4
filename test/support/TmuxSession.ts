import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BIN } from './runCli.js';

const run = promisify(execFile);

/** Whether tmux can be run here (the terminal tests are skipped without it). */
export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * `ossduck` in a real terminal: a tmux session of its own (a private tmux
 * server on a socket in a temporary directory, so no other tmux is touched),
 * driven with send-keys and read with capture-pane. When ossduck exits the
 * pane prints `[exited <code>]`.
 */
export class TmuxSession {
  readonly name = 'ossduck';
  readonly #dir: string;
  readonly #socket: string;
  readonly #env: Record<string, string>;

  private constructor(env: Record<string, string>) {
    this.#dir = mkdtempSync(join(tmpdir(), 'ossduck-tmux-'));
    this.#socket = join(this.#dir, 'socket');
    this.#env = env;
  }

  /** Starts `node bin/ossduck.js args` in a 200x50 terminal with exactly `env` (plus PATH and TERM). */
  static async start(env: Record<string, string>, args: readonly string[] = []): Promise<TmuxSession> {
    const session = new TmuxSession({ PATH: process.env['PATH'] ?? '/usr/bin:/bin', TERM: 'xterm-256color', ...env });
    const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
    try {
      await session.#tmux('new-session', '-d', '-s', session.name, '-x', '200', '-y', '50', `${quoted}; echo "[exited $?]"; exec sleep 600`);
    } catch (error) {
      await session.kill();
      throw error;
    }
    return session;
  }

  #tmux(...args: string[]): Promise<{ stdout: string }> {
    return run('tmux', ['-S', this.#socket, '-f', '/dev/null', ...args], { env: this.#env });
  }

  /** Types `text` as it is (no Enter). */
  async type(text: string): Promise<void> {
    // tmux reads an argument ending in ';' as a command separator; '\;' is a literal one.
    await this.#tmux('send-keys', '-t', this.name, '-l', text.endsWith(';') ? `${text.slice(0, -1)}\\;` : text);
  }

  /** Presses keys by tmux name: Enter, C-c, C-d, Tab, Up. */
  async press(...keys: string[]): Promise<void> {
    await this.#tmux('send-keys', '-t', this.name, ...keys);
  }

  /** Types a line and presses Enter. */
  async enter(line: string): Promise<void> {
    await this.type(line);
    await this.press('Enter');
  }

  /** Everything the terminal shows and has scrolled away, wrapped lines joined; with `escapes`, colours too. */
  async screen(escapes = false): Promise<string> {
    const { stdout } = await this.#tmux('capture-pane', '-p', '-J', '-S', '-', '-t', this.name, ...(escapes ? ['-e'] : []));
    return stdout;
  }

  /** Polls the screen until `expected` shows (after the first `after` characters); fails with the screen after `timeoutMs`. */
  async waitFor(expected: string | RegExp, options: { after?: number; timeoutMs?: number; escapes?: boolean } = {}): Promise<string> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const screen = await this.screen(options.escapes);
      const text = screen.slice(options.after ?? 0);
      if (typeof expected === 'string' ? text.includes(expected) : expected.test(text)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(expected)}; the terminal shows:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** How much the screen holds now: pass as `after` to wait for what comes next. */
  async mark(): Promise<number> {
    return (await this.screen()).trimEnd().length;
  }

  /** Ends the session and its tmux server (and so ossduck), and removes the socket. */
  async kill(): Promise<void> {
    await this.#tmux('kill-session', '-t', this.name).catch(() => undefined);
    await this.#tmux('kill-server').catch(() => undefined);
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
