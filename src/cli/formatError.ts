import { OssduckError } from '../OssduckError.js';

/** The one-line form of any error: MaxCompute's shape for ossduck errors, never a stack trace (but with OSSDUCK_DEBUG). */
export function formatError(error: unknown, env: NodeJS.ProcessEnv): string {
  if (error instanceof OssduckError) return error.format();
  const message = error instanceof Error ? error.message : String(error);
  const line = OssduckError.internal(message.split('\n')[0] ?? '').format();
  return env['OSSDUCK_DEBUG'] && error instanceof Error && error.stack ? `${line}\n${error.stack}` : line;
}
