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
}
