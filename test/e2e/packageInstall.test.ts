import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docExample } from '../support/docsText.js';
import { libraryExampleOutput } from '../support/libraryExampleOutput.js';
import { processesMentioning, refusesConnections, WatchedProcess } from '../support/WatchedProcess.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NPM = 'npm';

/**
 * What a user of another project gets: `npm pack` of this checkout, installed
 * into an empty project without development dependencies (from the npm
 * registry, as `npm ci` fetches them), then the README's library example and
 * the `ossduck` command run from that install.
 */
describe('the package, installed from npm pack', () => {
  let scratch: string;
  let project: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'ossduck-package-'));
    project = join(scratch, 'app');
    mkdirSync(project);
    mkdirSync(join(scratch, 'tmp'));
    env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? scratch, TMPDIR: join(scratch, 'tmp'), npm_config_audit: 'false', npm_config_fund: 'false' };
    // dist/ is built by `npm ci`; packing without scripts ships that build as it is.
    await run(NPM, ['pack', '--ignore-scripts', '--pack-destination', scratch], { cwd: ROOT, env });
    const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'))!;
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
    await run(NPM, ['install', '--omit=dev', '--no-package-lock', join(scratch, tarball)], { cwd: project, env, maxBuffer: 16 * 1024 * 1024 });
  }, 600_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('installs without the development dependencies', () => {
    const installed = readdirSync(join(project, 'node_modules'));
    expect(installed).toContain('ossduck');
    for (const dev of ['vitest', 'typescript', 'tsx', 'esbuild', 'node-sql-parser', 'playwright-core']) expect(installed).not.toContain(dev);
  });

  it("runs the README's library example as written", async () => {
    const file = join(project, 'example.mjs');
    writeFileSync(file, docExample('library', ''));
    const { stdout, stderr } = await run(process.execPath, [file], { cwd: project, env });
    expect(stderr).toBe('');
    expect(stdout).toBe(libraryExampleOutput());
  });

  it('gives the ossduck command', async () => {
    const { stdout } = await run(join(project, 'node_modules', '.bin', 'ossduck'), ['--format', 'csv', '-c', 'SELECT 40 + 2 AS answer'], { cwd: project, env });
    expect(stdout).toBe('answer\n42\n');
  });

  it('leaves nothing running after SIGTERM to `npx ossduck serve`', async () => {
    const warehouse = join(scratch, 'served');
    const serve = WatchedProcess.start(NPM, ['exec', '--', 'ossduck', 'serve', '--db', warehouse], { env, cwd: project });
    const [, origin] = await serve.output('stdout', /^oss: (\S+)$/m);
    await serve.output('stderr', /stop with Ctrl-C or SIGTERM\n/);
    serve.child.kill('SIGTERM');
    await serve.closed;
    // npx ends without passing SIGTERM on: the server must notice its parent is gone.
    for (let i = 0; i < 100 && processesMentioning(warehouse).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(processesMentioning(warehouse)).toEqual([]);
    expect(await refusesConnections(origin!)).toBe(true);
  });
});
