import type { StatementScope } from './FunctionContext.js';

/**
 * Values a function keeps for the statement it runs in, by key: emptied when
 * the statement changes, and emptied whole when it holds `limit` entries.
 */
export class StatementCache<V extends object> {
  readonly #statement: Pick<StatementScope, 'id'>;
  readonly #limit: number;
  readonly #entries = new Map<string, V>();
  #statementId = -1;

  constructor(statement: Pick<StatementScope, 'id'>, limit = 256) {
    this.#statement = statement;
    this.#limit = limit;
  }

  /** The value kept for `key` in the running statement, or the one `make` gives, then kept. */
  get(key: string, make: () => V): V {
    if (this.#statementId !== this.#statement.id) {
      this.#entries.clear();
      this.#statementId = this.#statement.id;
    }
    const hit = this.#entries.get(key);
    if (hit !== undefined) return hit;
    const value = make();
    if (this.#entries.size >= this.#limit) this.#entries.clear();
    this.#entries.set(key, value);
    return value;
  }
}
