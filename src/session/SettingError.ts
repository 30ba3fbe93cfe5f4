import { OssduckError } from '../OssduckError.js';

/** A setting given when a session opens (`--set`, the library's settings) that cannot be taken. */
export class SettingError extends OssduckError {
  static refused(detail: string, cause?: unknown): SettingError {
    return new SettingError('semantic', detail, cause === undefined ? undefined : { cause });
  }
}
