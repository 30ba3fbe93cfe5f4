import { OssduckError } from '../OssduckError.js';
import { CatalogError } from './CatalogError.js';
import type { Warehouse } from './Warehouse.js';

/**
 * A failure of DuckDB while the catalog worked on `project`, said in the
 * user's terms: a warehouse another process holds, file access switched off,
 * a file that is no DuckDB database, a read-only warehouse, a full disk, a
 * transaction the user must end first. Anything else is passed on as it is.
 */
export function projectFailure(error: unknown, project: string, warehouse: Warehouse): unknown {
  if (error instanceof OssduckError) return error;
  const message = String((error as Error)?.message ?? error);
  if (/Could not set lock/i.test(message)) {
    const pid = /\(PID (\d+)\)/.exec(message)?.[1];
    return CatalogError.inUse(warehouse.description, pid ? ` (PID ${pid})` : '');
  }
  if (/^Permission Error: .*disabled by configuration/i.test(message)) {
    return CatalogError.invalidName(
      `project ${project} cannot be opened in ${warehouse.description}: DuckDB's file access is off (enable_external_access=false); ` +
        'use a project that is open already, or create it before turning file access off',
    );
  }
  if (/not a valid DuckDB database file|file is not a DuckDB database|Invalid Input Error: The file .* exists, but it is not a valid DuckDB/i.test(message)) {
    return CatalogError.io(
      `project ${project} cannot be opened: ${warehouse.projectPath(project)} is not a DuckDB database (damaged, or empty after a full disk); move it away to start the project afresh`,
    );
  }
  if (/attached in read-only mode|Read-only file system|Permission denied/i.test(message)) {
    return CatalogError.readOnly(warehouse.description, `project ${project} cannot be changed`);
  }
  if (/No space left on device|ENOSPC|Disk quota exceeded/i.test(message)) {
    return CatalogError.io(`${warehouse.description} has no space left on its device: the change to project ${project} was not made; free space and run it again`);
  }
  if (/Current transaction is aborted/i.test(message)) {
    return CatalogError.transaction('an earlier statement of this transaction failed; ROLLBACK before going on');
  }
  if (/a single transaction can only write to a single attached database/i.test(message)) {
    return CatalogError.transaction(
      `a transaction writes to one project only, and this one has written to another before project ${project}; COMMIT or ROLLBACK first`,
    );
  }
  return error;
}
