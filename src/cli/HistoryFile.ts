import { appendFileSync, chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the shell keeps its history: `$OSSDUCK_HISTORY`, else `~/.ossduck_history`; undefined (no history) when OSSDUCK_HISTORY is set empty. */
export function historyPath(env: NodeJS.ProcessEnv, home: string): string | undefined {
  const configured = env['OSSDUCK_HISTORY'];
  if (configured !== undefined) return configured === '' ? undefined : configured;
  return join(env['HOME'] || home, '.ossduck_history');
}

/** The lines worth keeping from a history file's text: not blank, no two alike in a row, the last `limit`. Oldest first. Pure. */
export function historyEntries(text: string, limit: number): string[] {
  const entries: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (entries[entries.length - 1] === line) continue;
    entries.push(line);
  }
  return entries.slice(Math.max(0, entries.length - limit));
}

/**
 * A history file: one entered line per line, oldest first, readable by its
 * owner only. Lines are appended as they are entered; a file grown past
 * twice the limit is cut back when it is loaded.
 */
export class HistoryFile {
  readonly #path: string;
  readonly #limit: number;
  #last: string | undefined;
  #secured = false;

  constructor(path: string, limit = 1000) {
    this.#path = path;
    this.#limit = limit;
  }

  get path(): string {
    return this.#path;
  }

  /** The entries, newest first (as readline wants them); none when the file does not exist yet. */
  load(): string[] {
    let text: string;
    try {
      text = readFileSync(this.#path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries = historyEntries(text, this.#limit);
    if (text.split('\n').length > 2 * this.#limit) writeFileSync(this.#path, entries.map((e) => `${e}\n`).join(''), { mode: 0o600 });
    this.#last = entries[entries.length - 1];
    return entries.reverse();
  }

  /** Records one entered line; blank lines and a repeat of the previous line are not stored. */
  append(line: string): void {
    if (line.trim() === '' || /[\r\n]/.test(line) || line === this.#last) return;
    appendFileSync(this.#path, `${line}\n`, { mode: 0o600 });
    if (!this.#secured) {
      this.#secured = true;
      try {
        chmodSync(this.#path, 0o600);
      } catch {
        // best effort: a file we may not chmod still takes the line
      }
    }
    this.#last = line;
  }
}
