import { lintKey } from './lintKey.js';

/** How many keys have findings of each severity (a key counts once per severity). */
export class KeyLintCounts {
  #errors = 0;
  #warnings = 0;
  #notes = 0;

  add(key: string): void {
    const severities = new Set(lintKey(key).map((f) => f.severity));
    if (severities.has('error')) this.#errors++;
    if (severities.has('warn')) this.#warnings++;
    if (severities.has('info')) this.#notes++;
  }

  /** One line: `keys with errors: 0, with warnings: 3, with notes: 40 (...)`. */
  summary(): string {
    return `keys with errors: ${this.#errors}, with warnings: ${this.#warnings}, with notes: ${this.#notes} (OSSDUCK_LINT_KEY(key) lists each key's findings)`;
  }
}
