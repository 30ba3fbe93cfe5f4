import { accessSync, constants, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { shown } from '../shown.js';
import { SqlError } from '../sql/SqlError.js';

const KEY = 'ossduck.audit_log';

function refuse(value: string, why: string): never {
  throw SqlError.semantic(`${KEY} ${shown(value)} cannot be the audit log: ${why}; give a file in a folder you can write, or an empty value to turn the log off`);
}

/** What is at `path`, or undefined when nothing is (or a part of the path is no folder). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The audit log path `value` names, made absolute (a relative path is read
 * against the working directory now, so it stays the same file), or '' (off).
 * It must be a file, or not exist yet, in an existing folder ossduck can write.
 */
export function auditLogPath(value: string): string {
  if (value.trim() === '') return '';
  const path = resolve(value);
  const stat = statOf(path);
  if (stat?.isDirectory()) refuse(value, 'it is a folder');
  if (stat !== undefined && !stat.isFile()) refuse(value, 'it is not a regular file');
  const folder = dirname(path);
  if (stat === undefined && !statOf(folder)?.isDirectory()) refuse(value, `the folder ${folder} does not exist`);
  try {
    accessSync(stat === undefined ? folder : path, constants.W_OK);
  } catch {
    refuse(value, stat === undefined ? `the folder ${folder} is not writable` : 'the file is not writable');
  }
  return path;
}
