import { ErrorCode, OssduckError } from '../OssduckError.js';

/** A built-in function called with an argument it cannot take. */
export class FunctionError extends OssduckError {
  static invalid(fn: string, detail: string): FunctionError {
    return new FunctionError(ErrorCode.invalidArgument, 'Invalid arguments', `${fn}: ${detail}`);
  }

  static outOfRange(fn: string, detail: string): FunctionError {
    return new FunctionError(ErrorCode.argumentOutOfRange, 'Argument value out of range', `${fn}: ${detail}`);
  }

  static badType(fn: string, detail: string): FunctionError {
    return new FunctionError(ErrorCode.invalidArgumentType, 'Invalid argument type', `${fn}: ${detail}`);
  }
}
