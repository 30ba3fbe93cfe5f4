import { functionCreatedBy } from '../sql/portability/checkPortability.js';
import { checkStatement } from '../sql/portability/checkStatement.js';
import type { ScriptStatement } from '../sql/splitStatements.js';
import { SqlError } from '../sql/SqlError.js';

/** Whether a statement sets `ossduck.portable`, which turns the guard on and off and so is always let through. */
function setsPortable(statement: ScriptStatement): boolean {
  const words = statement.tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment').map((t) => t.text.toLowerCase());
  return words[0] === 'set' && words[1] === 'ossduck' && words[2] === '.' && words[3] === 'portable';
}

/**
 * `SET ossduck.portable=strict`: a statement MaxCompute would not accept
 * fails before it runs, with the first thing the portability check finds
 * (what it is, where, and what MaxCompute writes instead). Functions a
 * statement creates may be called by the statements after it.
 */
export class PortabilityGuard {
  readonly #defined = new Set<string>();

  /** Refuses `statement` of `script` when it is not portable. */
  check(statement: ScriptStatement, script: string): void {
    if (setsPortable(statement)) return;
    const [first] = checkStatement(statement, script, this.#defined);
    if (first) {
      throw SqlError.semantic(
        `not portable to MaxCompute (ossduck.portable=strict): ${first.message}; instead: ${first.instead}`,
        { line: first.line, column: first.column },
      );
    }
  }

  /** Takes note of what a statement that ran made (a function later statements may call). */
  ran(statement: ScriptStatement): void {
    const created = functionCreatedBy(statement);
    if (created) this.#defined.add(created);
  }
}
