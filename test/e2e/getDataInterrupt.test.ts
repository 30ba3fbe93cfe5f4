import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuietServers } from '../support/QuietServers.js';
import { BIN } from '../support/runCli.js';
import { WatchedProcess } from '../support/WatchedProcess.js';

/**
 * A statement waiting on an OSS that never answers stops at a stop signal
 * (Ctrl-C, SIGTERM, SIGHUP), though the thread running it is blocked: the
 * read timeout is set far beyond the test's own timeout, so only the signal
 * can end it. A process that does not listen to the signal still ends by it.
 */

const TABLE = "USE stop_project; CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/bkt/x/';";
const WAIT = `${TABLE} SET ossduck.oss.read_timeout_ms=3600000; SELECT octet_length(GET_DATA_FROM_OSS('stop_project.default.t', 'k')) AS n; SELECT 'after' AS next;`;
const INDEX = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

let servers: QuietServers;
let home: string;
let env: Record<string, string>;
let seen = 0;

beforeAll(async () => {
  servers = await QuietServers.start();
  home = mkdtempSync(join(tmpdir(), 'ossduck-stop-'));
  env = {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    OSS_ACCESS_KEY_ID: 'LTAI5tStopTestKey',
    OSS_ACCESS_KEY_SECRET: 'StopTestSecretDoNotLeak0123',
    OSSDUCK_OSS_ENDPOINT: servers.silent,
  };
});

afterAll(async () => {
  await servers.stop();
  rmSync(home, { recursive: true, force: true });
});

/** Starts `command`, waits until its read has reached the silent server, and sends `signal`. */
async function stopWhileWaiting(command: readonly string[], signal: NodeJS.Signals): Promise<WatchedProcess> {
  const run = WatchedProcess.start(process.execPath, command, { env });
  await servers.connections(++seen);
  run.child.kill(signal);
  return run;
}

describe('GET_DATA_FROM_OSS waiting on an OSS that never answers', () => {
  it('stops at Ctrl-C (SIGINT) in a script, as cancelled, and no later statement runs', async () => {
    const run = await stopWhileWaiting([BIN, '-c', WAIT], 'SIGINT');
    const closed = await run.closed;
    expect(run.stderr).toMatch(/^FAILED: ODPS-0120031:\[1,\d+\] Instance has been cancelled - stopped by SIGINT while waiting on OSS$/m);
    expect(run.stdout).not.toContain('after');
    expect(closed).toEqual({ code: 1, signal: null });
  });

  it('ends at SIGTERM with the code a shell gives a process SIGTERM ended, no later statement run', async () => {
    const run = await stopWhileWaiting([BIN, '-c', WAIT], 'SIGTERM');
    expect(await run.closed).toEqual({ code: 143, signal: null });
    expect(run.stdout).not.toContain('after');
  });

  it('ends a library process that does not listen to SIGINT, as SIGINT ends any Node process', async () => {
    const code = `const { openOssduck } = await import(${JSON.stringify(INDEX)});
      const duck = await openOssduck();
      await duck.run(${JSON.stringify(WAIT)});
      console.log('finished');`;
    const run = await stopWhileWaiting(['--import', 'tsx', '--input-type=module', '-e', code], 'SIGINT');
    expect(await run.closed).toEqual({ code: null, signal: 'SIGINT' });
    expect(run.stdout).not.toContain('finished');
  });
});
