import { OssduckError } from '../OssduckError.js';

/** A built-in function called with an argument it cannot take. */
export class FunctionError extends OssduckError {
  static invalid(fn: string, detail: string): FunctionError {
    return new FunctionError('invalidArgument', `${fn}: ${detail}`);
  }

  static outOfRange(fn: string, detail: string): FunctionError {
    return new FunctionError('argumentOutOfRange', `${fn}: ${detail}`);
  }

  static badType(fn: string, detail: string): FunctionError {
    return new FunctionError('invalidArgumentType', `${fn}: ${detail}`);
  }

  /**
   * A call with a number of arguments the function does not take, in
   * MaxCompute's words (`function DATEADD needs 3 parameters, actually have
   * 2`), then how the function is called.
   */
  static argumentCount(fn: string, allowed: readonly number[], given: number, usage: string): FunctionError {
    return new FunctionError('argumentCount', `function ${fn} needs ${countsText(allowed)} parameters, actually have ${given}; ${usage}`);
  }
}

/** `[3]` as `3`, `[2, 3]` as `2 or 3`, `[2, 3, 4, 5]` as `2 to 5`, `[0, 2]` as `0 or 2`. */
function countsText(counts: readonly number[]): string {
  const sorted = [...counts].sort((a, b) => a - b);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  if (sorted.length > 2 && last - first === sorted.length - 1) return `${first} to ${last}`;
  if (sorted.length === 1) return String(first);
  return `${sorted.slice(0, -1).join(', ')} or ${last}`;
}
