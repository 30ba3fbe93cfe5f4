import type { OssduckOptions } from '../Ossduck.js';
import type { CliArguments } from './cliOptions.js';
import type { CliIo } from './CliIo.js';
import { ProgressLine } from './ProgressLine.js';

/**
 * The library options a command line asks for: warehouse, project,
 * settings, endpoints, the environment, and where notices, progress and
 * warnings go (stderr). With no OSS endpoint and no OSS credentials in the
 * environment, the library's embedded local OSS serves (in the warehouse's
 * `oss/` folder with `--db`), announced in one line.
 */
export function sessionOptions(args: CliArguments, io: CliIo, progress = new ProgressLine(io.stderr)): OssduckOptions {
  return {
    project: args.project,
    warehouse: args.db,
    auditLog: args.auditLog,
    ossEndpoint: args.ossEndpoint,
    stsEndpoint: args.stsEndpoint,
    endpointNames: { oss: '--oss-endpoint', sts: '--sts-endpoint' },
    env: io.env,
    sandbox: args.sandbox ? { allowDirectories: args.allowDirectories, allowEndpoints: args.allowEndpoints } : undefined,
    settings: {
      ...Object.fromEntries(args.settings),
      ...(!args.sandbox && args.allowEndpoints.length > 0 ? { 'ossduck.allowed_endpoints': args.allowEndpoints.join(',') } : {}),
    },
    onNotice: (message) => {
      progress.clear();
      io.stderr.write(`ossduck: ${message}\n`);
    },
    onProgress: (message) => progress.show(message),
    onWarning: (message) => {
      progress.clear();
      io.stderr.write(`WARNING: ${message}\n`);
    },
  };
}
