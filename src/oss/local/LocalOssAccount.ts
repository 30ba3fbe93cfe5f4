import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Credentials } from '../Credentials.js';
import { OssError } from '../OssError.js';

/** The file in a warehouse that holds its local OSS account. */
export const LOCAL_ACCOUNT_FILE = 'local-oss-account.json';

/** What the file says of itself, for whoever opens it. */
const ABOUT =
  "The account of this warehouse's local OSS emulator (ossduck serve --db, and the embedded local OSS). " +
  'It opens nothing on Alibaba Cloud. Keep this file private (mode 0600); remove it to make a new account (URLs signed with this one then stop working).';

/** A fresh random account, shaped like an Alibaba Cloud AccessKey pair. */
export function randomLocalAccount(): Credentials {
  return new Credentials({
    accessKeyId: `LTAI${randomBytes(9).toString('hex')}`,
    accessKeySecret: randomBytes(24).toString('base64url'),
  });
}

function readAccount(path: string): Credentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw OssError.io(`the local OSS account file ${path} cannot be read: ${(error as Error).message}; remove it to make a new account`);
  }
  const { accessKeyId, accessKeySecret } = (parsed ?? {}) as { accessKeyId?: unknown; accessKeySecret?: unknown };
  if (typeof accessKeyId !== 'string' || typeof accessKeySecret !== 'string' || accessKeyId === '' || accessKeySecret === '') {
    throw OssError.io(`the local OSS account file ${path} has no accessKeyId and accessKeySecret; remove it to make a new account`);
  }
  // Only its owner may read it, whatever copied or unpacked it.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return new Credentials({ accessKeyId, accessKeySecret });
}

/** Writes the account to a private file and links it into place: it appears whole, and never replaces one another process made. */
function createAccount(warehouse: string, path: string): void {
  const account = randomLocalAccount();
  const text = `${JSON.stringify({ about: ABOUT, accessKeyId: account.accessKeyId, accessKeySecret: account.revealSecret() }, null, 2)}\n`;
  const temporary = join(warehouse, `.${LOCAL_ACCOUNT_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * The warehouse's local OSS account: the AccessKey pair its local OSS
 * accepts, kept in `<warehouse>/local-oss-account.json` (mode 0600) so that
 * `ossduck serve --db` and every `ossduck --db` run of the warehouse share
 * it. Made on first use; `unavailable` says why it could not be (a
 * read-only warehouse). A file that does not read is an error. The secret
 * opens only the local emulator, which listens on 127.0.0.1 and keeps its
 * buckets in the warehouse itself.
 */
export function loadLocalAccount(warehouse: string): { readonly account: Credentials } | { readonly unavailable: string } {
  const path = join(warehouse, LOCAL_ACCOUNT_FILE);
  if (!existsSync(path)) {
    try {
      createAccount(warehouse, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      return { unavailable: `the local OSS account file ${path} cannot be made: ${WHY[code] ?? (error as Error).message}` };
    }
  }
  return { account: readAccount(path) };
}

const WHY: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  ENOENT: 'the warehouse directory does not exist',
};
