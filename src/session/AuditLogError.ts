import { OssduckError } from '../OssduckError.js';

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return String(e?.message ?? error);
  }
}

/** The audit log of issued URLs (`ossduck.audit_log`) cannot be written: the statement that issued them fails. */
export class AuditLogError extends OssduckError {
  static cannotOpen(path: string, cause: unknown): AuditLogError {
    return new AuditLogError('io', `the audit log '${path}' (ossduck.audit_log) cannot be opened for appending: ${reason(cause)}`, { cause });
  }

  static cannotWrite(path: string, cause: unknown): AuditLogError {
    return new AuditLogError(
      'io',
      `the audit log '${path}' (ossduck.audit_log) cannot be written: ${reason(cause)}; the statement's URLs are not recorded, so it fails`,
      { cause },
    );
  }

  static cannotLock(path: string, lockPath: string, cause: unknown): AuditLogError {
    return new AuditLogError(
      'io',
      `the audit log '${path}' (ossduck.audit_log) cannot be locked: its lock file '${lockPath}' cannot be made (${reason(cause)}); the folder must be writable; the statement's URLs are not recorded, so it fails`,
      { cause },
    );
  }

  static foreignLock(path: string, lockPath: string): AuditLogError {
    return new AuditLogError(
      'io',
      `the audit log '${path}' (ossduck.audit_log) has a lock file '${lockPath}' that is not ossduck's; remove it if no ossduck process is writing the log`,
    );
  }

  static stoppedWaiting(path: string, pid: number): AuditLogError {
    return new AuditLogError(
      'io',
      `the audit log '${path}' (ossduck.audit_log) is being written by process ${pid}; stopped waiting for it: the statement's URLs are not recorded, so it fails`,
    );
  }
}
