import { keywordOf, significantTokens } from '../sql/Lexer.js';
import type { ScriptStatement } from '../sql/splitStatements.js';

const OPENING = new Set(['BEGIN', 'START']);
const CLOSING = new Set(['COMMIT', 'END', 'ROLLBACK', 'ABORT']);

/**
 * Whether the user's own transaction is open, followed from the statements
 * DuckDB runs: BEGIN (or START TRANSACTION) opens it when it succeeds;
 * COMMIT, END, ROLLBACK and ABORT close it, whether they succeed or not (a
 * failed COMMIT rolls back). Every statement of a session passes here, so
 * this is known without asking DuckDB.
 */
export class UserTransaction {
  #open = false;

  get open(): boolean {
    return this.#open;
  }

  /** `statement` has run (`succeeded` or not). */
  ran(statement: ScriptStatement, succeeded: boolean): void {
    const word = keywordOf(significantTokens(statement.tokens)[0]);
    if (OPENING.has(word) && succeeded) this.#open = true;
    else if (CLOSING.has(word)) this.#open = false;
  }
}
