import { statSync } from 'node:fs';
import { projectName } from '../catalog/names.js';
import { parseOrigin } from '../oss/OssRouting.js';
import { OssduckError } from '../OssduckError.js';
import { Settings } from '../session/Settings.js';
import type { CliArguments } from './cliOptions.js';
import { UsageError } from './UsageError.js';

function refuse(what: string, action: () => unknown): void {
  try {
    action();
  } catch (error) {
    if (error instanceof OssduckError) throw new UsageError(`${what}: ${error.detail}`);
    throw error;
  }
}

/**
 * The checks a command line can have before any statement runs: the project
 * name, the endpoints, the `odps.*` and `ossduck.*` settings, a warehouse
 * path that is a file, folders that do not exist. (DuckDB checks its own
 * settings when the session opens; those are usage errors too.)
 */
export function checkArguments(args: CliArguments): void {
  if (args.project !== undefined) refuse(`--project ${args.project}`, () => projectName(args.project!));
  if (args.ossEndpoint !== undefined) refuse(`--oss-endpoint ${args.ossEndpoint}`, () => parseOrigin(args.ossEndpoint!, '--oss-endpoint'));
  if (args.stsEndpoint !== undefined) refuse(`--sts-endpoint ${args.stsEndpoint}`, () => parseOrigin(args.stsEndpoint!, '--sts-endpoint'));
  if (args.auditLog !== undefined) refuse(`--audit-log ${args.auditLog}`, () => new Settings({ 'ossduck.audit_log': args.auditLog! }));
  const owned = args.settings.filter(([k]) => Settings.owns(k));
  refuse('--set', () => new Settings(Object.fromEntries(owned)));
  if (args.db !== undefined) {
    let file = false;
    try {
      file = statSync(args.db).isFile();
    } catch {
      // missing: the warehouse is created
    }
    if (file) throw new UsageError(`--db ${args.db} is a file; a warehouse is a directory (it is created if missing)`);
  }
  for (const dir of args.allowDirectories) {
    let isDirectory = false;
    try {
      isDirectory = statSync(dir).isDirectory();
    } catch {
      // reported below
    }
    if (!isDirectory) throw new UsageError(`--allow-dir ${dir} is not a folder`);
  }
}
