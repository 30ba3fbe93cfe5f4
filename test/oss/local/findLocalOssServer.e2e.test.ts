import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OssEmulator } from '../../../src/emulator/OssEmulator.js';
import { Credentials } from '../../../src/oss/Credentials.js';
import type { LocalOssServerRecord } from '../../../src/oss/local/LocalOssServer.js';
import { findLocalOssServer, localOssRoot, recordServer } from '../../../src/oss/local/LocalOssServer.js';

const ACCOUNT = new Credentials({ accessKeyId: 'LTAIfindserver', accessKeySecret: 'find-server-secret' });

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The id of a process that has exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid!));
  });
}

describe('findLocalOssServer', () => {
  let warehouse: string;
  let emulator: OssEmulator;
  let otherAccount: OssEmulator;
  let notOss: Server;
  let silent: Server;
  let notOssUrl: string;
  let silentUrl: string;
  let live: LocalOssServerRecord;

  beforeAll(async () => {
    warehouse = mkdtempSync(join(tmpdir(), 'ossduck-find-server-'));
    mkdirSync(join(warehouse, 'oss'));
    emulator = await OssEmulator.start({ root: join(warehouse, 'oss'), accessKeyId: ACCOUNT.accessKeyId, accessKeySecret: ACCOUNT.revealSecret() });
    otherAccount = await OssEmulator.start({ root: join(warehouse, 'oss'), accessKeyId: ACCOUNT.accessKeyId, accessKeySecret: 'another-secret' });
    notOss = createServer((_req, res) => res.end('<html>ListAllMyBucketsResult? no</html>'));
    notOssUrl = await listen(notOss);
    // Takes the connection and never answers.
    silent = createServer(() => {});
    silentUrl = await listen(silent);
    live = {
      ossUrl: emulator.ossUrl,
      stsUrl: emulator.stsUrl,
      pid: process.pid,
      root: localOssRoot(warehouse),
      accessKeyId: ACCOUNT.accessKeyId,
      version: 'test',
      startedAt: new Date().toISOString(),
    };
  });

  afterAll(async () => {
    await emulator?.close();
    await otherAccount?.close();
    if (notOss) await close(notOss);
    if (silent) await close(silent);
    rmSync(warehouse, { recursive: true, force: true });
  });

  it('finds a server that is alive, serves this warehouse and holds its account', async () => {
    recordServer(warehouse, live);
    expect(await findLocalOssServer(warehouse, ACCOUNT)).toEqual({ ...live, consoleUrl: undefined });
  });

  it('finds none without a record', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ossduck-find-server-empty-'));
    try {
      expect(await findLocalOssServer(empty, ACCOUNT)).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  const stale: [string, () => Promise<Partial<LocalOssServerRecord>>][] = [
    ['its process is gone (a server killed outright)', async () => ({ pid: await deadPid() })],
    ['nothing listens at its address any more', async () => ({ ossUrl: await closedOrigin() })],
    ['its address is another kind of server now', async () => ({ ossUrl: notOssUrl })],
    ['its address takes the request and never answers', async () => ({ ossUrl: silentUrl })],
    ['the server there has another secret for the account id', async () => ({ ossUrl: otherAccount.ossUrl })],
    ['it names another account (the account file was replaced)', async () => ({ accessKeyId: 'LTAIanother' })],
    ['it serves another folder (a copied warehouse)', async () => ({ root: '/elsewhere/oss' })],
  ];
  for (const [name, change] of stale) {
    it(`ignores a record when ${name}`, async () => {
      recordServer(warehouse, { ...live, ...(await change()) });
      expect(await findLocalOssServer(warehouse, ACCOUNT, 500)).toBeUndefined();
    });
  }
});

/** An origin nothing listens at: a port that was free a moment ago. */
async function closedOrigin(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await close(server);
  return url;
}
