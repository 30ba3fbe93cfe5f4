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

/** `[3]` as `3`, `[2, 3]` as `2 or 3`, `[2, 3, 4, 5]` as `2 to 5`, `[0, 2]` as `0 or 2`, `[1, 3, 4, 5]` as `1 or 3 to 5`. */
function countsText(counts: readonly number[]): string {
  const sorted = [...new Set(counts)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    // A run of three or more reads `a to b`; shorter ones are listed.
    if (j - i >= 2) runs.push(`${sorted[i]} to ${sorted[j]}`);
    else for (let k = i; k <= j; k++) runs.push(String(sorted[k]));
    i = j + 1;
  }
  return runs.length === 1 ? runs[0]! : `${runs.slice(0, -1).join(', ')} or ${runs[runs.length - 1]}`;
}
