import { keywordOf, significantTokens } from '../sql/Lexer.js';
import type { ScriptStatement } from '../sql/splitStatements.js';

const OPENING = new Set(['BEGIN', 'START']);
const CLOSING = new Set(['COMMIT', 'END', 'ROLLBACK', 'ABORT']);

/**
 * Whether the user's own transaction is open, followed from the statements
 * DuckDB runs: BEGIN (or START TRANSACTION) opens it when it succeeds;
 * COMMIT, END, ROLLBACK and ABORT close it when they succeed. When one of
 * those fails, whether it ended the transaction depends on why (a commit
 * conflict rolls back; a syntax error such as `ROLLBACK TO SAVEPOINT a` ends
 * nothing), so DuckDB is asked. Every statement of a session passes here, so
 * the rest of the time this is known without asking.
 */
export class UserTransaction {
  #open = false;

  get open(): boolean {
    return this.#open;
  }

  /** `statement` has run (`succeeded` or not); `askDuckDb` says whether a transaction is open now. */
  async ran(statement: ScriptStatement, succeeded: boolean, askDuckDb: () => Promise<boolean>): Promise<void> {
    const word = keywordOf(significantTokens(statement.tokens)[0]);
    if (OPENING.has(word) && succeeded) this.#open = true;
    else if (CLOSING.has(word)) this.#open = succeeded ? false : await askDuckDb();
  }
}
