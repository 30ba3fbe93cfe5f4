import { OssduckError } from '../OssduckError.js';

/** The one-line form of any error: MaxCompute's shape for ossduck errors, never a stack trace. */
export function formatError(error: unknown, env: NodeJS.ProcessEnv): string {
  if (error instanceof OssduckError) return error.format();
  const message = error instanceof Error ? error.message : String(error);
  const line = `FAILED: ODPS-0010000:System internal error - ${message.split('\n')[0]}`;
  return env['OSSDUCK_DEBUG'] && error instanceof Error && error.stack ? `${line}\n${error.stack}` : line;
}
