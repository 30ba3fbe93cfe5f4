import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isProcessAlive } from '../../isProcessAlive.js';
import type { Credentials } from '../Credentials.js';
import { answersAsLocalOss } from './answersAsLocalOss.js';

/** The file in a warehouse that says where `ossduck serve --db` listens, while it runs. */
export const SERVER_FILE = 'local-oss-server.json';

/** Where a warehouse's local OSS server listens, as it records it (no secret). */
export interface LocalOssServerRecord {
  readonly ossUrl: string;
  readonly stsUrl: string;
  readonly consoleUrl?: string | undefined;
  readonly pid: number;
  /** The folder of buckets it serves (`<warehouse>/oss`, its real path). */
  readonly root: string;
  /** The account it accepts, by id. */
  readonly accessKeyId: string;
  readonly version: string;
  readonly startedAt: string;
}

/** The warehouse's folder of buckets, as a record names it: the real path when it exists. */
export function localOssRoot(warehouse: string): string {
  const root = join(resolve(warehouse), 'oss');
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}

/** Records where the warehouse's server listens: a private file, replaced whole. */
export function recordServer(warehouse: string, record: LocalOssServerRecord): void {
  const path = join(warehouse, SERVER_FILE);
  const temporary = join(warehouse, `.${SERVER_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(record, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Removes the record, if it is still the one process `pid` wrote. */
export function forgetServer(warehouse: string, pid: number): void {
  if (readServerRecord(warehouse)?.pid === pid) rmSync(join(warehouse, SERVER_FILE), { force: true });
}

/** The warehouse's server record, or undefined when there is none (or none that reads). */
export function readServerRecord(warehouse: string): LocalOssServerRecord | undefined {
  let parsed: Partial<Record<keyof LocalOssServerRecord, unknown>>;
  try {
    parsed = JSON.parse(readFileSync(join(warehouse, SERVER_FILE), 'utf8')) as typeof parsed;
  } catch {
    return undefined;
  }
  const text = (v: unknown): v is string => typeof v === 'string' && v !== '';
  const { ossUrl, stsUrl, consoleUrl, pid, root, accessKeyId, version, startedAt } = parsed ?? {};
  if (!text(ossUrl) || !text(stsUrl) || !text(root) || !text(accessKeyId) || typeof pid !== 'number') return undefined;
  return {
    ossUrl,
    stsUrl,
    consoleUrl: text(consoleUrl) ? consoleUrl : undefined,
    pid,
    root,
    accessKeyId,
    version: text(version) ? version : 'unknown',
    startedAt: text(startedAt) ? startedAt : 'unknown',
  };
}

/**
 * The warehouse's running local OSS server, if there is one: its record
 * names this warehouse's folder of buckets and this account, its process is
 * alive, and its address answers a request signed with the account as a
 * local OSS that holds the account. A record left by a server that is gone
 * (killed, or its address now someone else's) is ignored.
 */
export async function findLocalOssServer(warehouse: string, account: Credentials, timeoutMs = 2000): Promise<LocalOssServerRecord | undefined> {
  const record = readServerRecord(warehouse);
  if (!record) return undefined;
  if (record.root !== localOssRoot(warehouse) || record.accessKeyId !== account.accessKeyId) return undefined;
  if (!isProcessAlive(record.pid)) return undefined;
  return (await answersAsLocalOss(record.ossUrl, account, timeoutMs)) ? record : undefined;
}
