import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_FILE } from '../../src/oss/local/LocalOssServer.js';
import { BIN } from '../support/runCli.js';
import { processesMentioning, refusesConnections, WatchedProcess } from '../support/WatchedProcess.js';

/**
 * Every ossduck process ends when it is asked to, and leaves nothing behind:
 * no process (however it was started), nothing listening, no temporary
 * folder. `test/e2e/package.test.ts` does the same for `npx ossduck serve`
 * and `ossduck serve` from an installed package.
 */

let scratch: string;
let env: Record<string, string>;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ossduck-ends-'));
  mkdirSync(join(scratch, 'tmp'));
  env = { PATH: process.env['PATH'] ?? '', HOME: scratch, TMPDIR: join(scratch, 'tmp') };
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Starts `args` as a grandchild, through a parent process that the test can kill outright. */
function throughParent(args: readonly string[]): WatchedProcess {
  const code = `require('node:child_process').spawn(process.execPath, ${JSON.stringify([BIN, ...args])}, { stdio: 'inherit' });`;
  return WatchedProcess.start(process.execPath, ['-e', code], { env });
}

/** Asserts nothing is left: no process naming `marker`, nothing listening at `origin`. */
async function expectNothingLeft(marker: string, origin: string): Promise<void> {
  expect(processesMentioning(marker)).toEqual([]);
  expect(await refusesConnections(origin)).toBe(true);
}

describe('ossduck serve', () => {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`stops on ${signal}, removes its record and leaves nothing listening`, async () => {
      const warehouse = join(scratch, `serve-${signal}`);
      const serve = WatchedProcess.start(process.execPath, [BIN, 'serve', '--db', warehouse], { env });
      const [, origin] = await serve.output('stdout', /^oss: (\S+)$/m);
      await serve.output('stderr', /stop with Ctrl-C or SIGTERM\n/);
      expect(existsSync(join(warehouse, SERVER_FILE))).toBe(true);
      serve.child.kill(signal);
      expect(await serve.closed).toEqual({ code: 0, signal: null });
      expect(existsSync(join(warehouse, SERVER_FILE))).toBe(false);
      await expectNothingLeft(warehouse, origin!);
    });
  }

  it('stops when the process that started it goes away without a signal', async () => {
    const warehouse = join(scratch, 'serve-orphaned');
    const parent = throughParent(['serve', '--db', warehouse]);
    const [, origin] = await parent.output('stdout', /^oss: (\S+)$/m);
    await parent.output('stderr', /stop with Ctrl-C or SIGTERM\n/);
    parent.child.kill('SIGKILL');
    // The output closes when the server, which holds it too, has exited.
    await parent.closed;
    expect(existsSync(join(warehouse, SERVER_FILE))).toBe(false);
    await expectNothingLeft(warehouse, origin!);
  });
});

describe('a plain ossduck run that started the embedded local OSS', () => {
  /** Signs (starting the embedded local OSS), prints the URL, then runs a statement that takes minutes. */
  const script = (marker: string): string =>
    `-- ${marker}
     CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/ends-bucket/d/';
     SELECT GET_SIGNED_URL_FROM_OSS('default_project.default.t', 'k') AS url;
     SELECT count(*) AS n FROM range(100000000000000) r(i) WHERE hash(i) = 42;`;

  async function started(run: WatchedProcess): Promise<string> {
    const [, origin] = await run.output('stderr', /using the embedded local OSS at (\S+) /);
    await run.output('stdout', /x-oss-signature=/);
    return origin!;
  }

  const cases = [
    { signal: 'SIGTERM', code: 143 },
    { signal: 'SIGHUP', code: 129 },
    // Ctrl-C interrupts the statement, which fails; the run ends there.
    { signal: 'SIGINT', code: 1 },
  ] as const;
  for (const { signal, code } of cases) {
    it(`ends on ${signal} (exit ${code}), leaving nothing listening and no temporary folder`, async () => {
      const marker = `ends-${randomBytes(6).toString('hex')}`;
      const run = WatchedProcess.start(process.execPath, [BIN, '--format', 'csv', '-c', script(marker)], { env });
      const origin = await started(run);
      run.child.kill(signal);
      expect(await run.closed).toEqual({ code, signal: null });
      if (signal === 'SIGINT') expect(run.stderr).toContain('Interrupted');
      await expectNothingLeft(marker, origin);
      expect(readdirSync(env['TMPDIR']!).filter((n) => n.startsWith('ossduck-'))).toEqual([]);
    });
  }

  it('ends when the process that started it goes away without a signal', async () => {
    const marker = `ends-${randomBytes(6).toString('hex')}`;
    const parent = throughParent(['--format', 'csv', '-c', script(marker)]);
    const origin = await started(parent);
    parent.child.kill('SIGKILL');
    await parent.closed;
    await expectNothingLeft(marker, origin);
    expect(readdirSync(env['TMPDIR']!).filter((n) => n.startsWith('ossduck-'))).toEqual([]);
  });
});
