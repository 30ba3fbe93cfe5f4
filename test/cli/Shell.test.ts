import { Ossduck } from '../../src/Ossduck.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { ShellDriver } from '../support/ShellDriver.js';

const SECRET = 'ShellTestSecret-DoNotLeak-161803';
const credentials = new Credentials({ accessKeyId: 'LTAI5tShellTestKey', accessKeySecret: SECRET });
const TABLE = "CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/';\n";
const BIG = 'SELECT count(*) FROM range(100000000000) a, range(1000) b;\n';

/** Resolves once `condition` holds, checking at each turn of the event loop; rejects after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('Shell', () => {
  let dir: string;
  let driver: ShellDriver | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-shell-'));
  });
  afterEach(async () => {
    if (driver) await driver.end();
    driver = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('prompts with project and schema, reads a statement over two lines and several on one line', async () => {
    driver = new ShellDriver({ format: 'csv' });
    const { output } = driver;
    await output.waitFor('default_project.default> ');
    driver.type('SELECT 40 +\n');
    await output.waitFor('...> ');
    driver.type('2 AS answer;\n');
    await output.waitFor('answer\n42\n');
    driver.type("SELECT 'a' AS x; SELECT 'b' AS y;\n");
    await output.waitFor('x\na\ny\nb\n');
    driver.type('CREATE SCHEMA s; USE SCHEMA s;\n');
    await output.waitFor('default_project.s> ');
    expect(await driver.end()).toBe(0);
    driver = undefined;
  });

  it('keeps reading while a string or comment is open, a ; inside it does not end the statement', async () => {
    driver = new ShellDriver({ format: 'csv' });
    driver.type("SELECT 'semi;\n");
    driver.type("colon' AS s /* a;\n");
    driver.type('b */;\n');
    await driver.output.waitFor('s\n"semi;\ncolon"\n');
    expect(driver.errors.text).toBe('');
  });

  it('prints an error as one line, drops the rest of that input, and goes on', async () => {
    driver = new ShellDriver({ format: 'csv' });
    driver.type('SELEC 1; SELECT 2 AS never;\n');
    await driver.errors.waitFor('\n');
    expect(driver.errors.text).toBe("FAILED: ODPS-0130161:[1,1] Parse exception - invalid token 'SELEC'\n");
    driver.type('SELECT 3 AS next;\n');
    await driver.output.waitFor('next\n3\n');
    expect(driver.output.text).not.toContain('never');
  });

  it('colours errors red on a colour terminal, and not with NO_COLOR', async () => {
    driver = new ShellDriver({ colours: true });
    driver.type('SELECT * FROM missing;\n');
    await driver.errors.waitFor('\n');
    expect(driver.errors.text).toBe('\x1b[31mFAILED: ODPS-0130131:[1,15] Table not found - table missing cannot be resolved\x1b[0m\n');
    await driver.end();
    driver = new ShellDriver({ colours: true, env: { NO_COLOR: '1' } });
    driver.type('SELECT * FROM missing;\n');
    await driver.errors.waitFor('\n');
    expect(driver.errors.text).toBe('FAILED: ODPS-0130131:[1,15] Table not found - table missing cannot be resolved\n');
  });

  it('cancels a running statement on Ctrl-C through DuckDB, and runs the next one', async () => {
    driver = new ShellDriver({ format: 'csv' });
    driver.type(BIG);
    driver.type('SELECT 1 AS queued;\n');
    await until(() => driver!.shell.busy);
    const started = performance.now();
    driver.shell.interrupt();
    await driver.errors.waitFor('Interrupted');
    const cancelMs = performance.now() - started;
    console.info(`Shell.interrupt() to the cancelled statement's error: ${cancelMs.toFixed(1)} ms`);
    expect(driver.errors.text).toBe('FAILED: ODPS-0120031:[1,1] Instance has been cancelled - Interrupted!\n');
    expect(cancelMs).toBeLessThan(2000);
    driver.type('SELECT 2 AS after;\n');
    await driver.output.waitFor('after\n2\n');
    expect(driver.output.text).not.toContain('queued');
  });

  it('on a terminal, Ctrl-C clears a half-typed line or statement; Tab completes', async () => {
    driver = new ShellDriver({ terminal: true, format: 'csv' });
    const { output } = driver;
    await output.waitFor('default_project.default> ');
    let mark = output.text.length;
    driver.type("SELECT 'half");
    driver.type('\x03');
    driver.type('SELECT\n');
    await output.waitFor('...> ', mark);
    mark = output.text.length;
    driver.type('\x03');
    await output.waitFor('default_project.default> ', mark);
    driver.type('SELECT 5 AS five;\r');
    await output.waitFor(/five\n5\n.*default_project\.default> /, mark);
    expect(driver.errors.text).toBe('');
    mark = output.text.length;
    driver.type('SELECT get_signed_u\t');
    await output.waitFor('rl_from_oss', mark);
    mark = output.text.length;
    driver.type('\x03');
    await output.waitFor('default_project.default> ', mark);
    driver.type('.ta\t');
    await output.waitFor('.tables', mark);
    driver.type('\r');
    await output.waitFor('table_name,table_type', mark);
  });

  it('signs URLs, shows them whole in line mode, and never prints the secret', async () => {
    driver = new ShellDriver({ open: (warehouse) => Ossduck.open({ warehouse, credentials }) });
    driver.type(TABLE);
    driver.type('.tables\n');
    await driver.output.waitFor('OBJECT TABLE');
    driver.type('.mode line\n');
    driver.type("SELECT GET_SIGNED_URL_FROM_OSS('default_project.default.t', 'a.txt') AS url;\n");
    const text = await driver.output.waitFor(/url = https:\S+\n/);
    const url = /url = (https:\S+)\n/.exec(text)![1]!;
    expect(url).toMatch(/^https:\/\/examplebucket\.oss-cn-hangzhou\.aliyuncs\.com\/dir\/a\.txt\?x-oss-credential=LTAI5tShellTestKey%2F.*&x-oss-signature=[0-9a-f]{64}&x-oss-signature-version=OSS4-HMAC-SHA256$/);
    expect(driver.output.text + driver.errors.text).not.toContain(SECRET);
  });

  it('runs dot commands: .mode, .timer, .read, .schema, .open, .help and unknown ones', async () => {
    const script = join(dir, 'job.sql');
    writeFileSync(script, "SELECT 'from file' AS f;\n");
    const warehouse = join(dir, 'wh');
    driver = new ShellDriver({ format: 'csv', cwd: dir });
    const { output, errors } = driver;
    driver.type('.mode\n');
    await output.waitFor('current output mode: csv\n');
    driver.type('.timer on\nSELECT 1 AS t;\n');
    await output.waitFor(/t\n1\nRun Time: real \d+\.\d{3} s\n/);
    driver.type('.timer off\n.read job.sql\n');
    await output.waitFor('f\nfrom file\n');
    driver.type('.read nope.sql\n');
    await errors.waitFor("Error: cannot read 'nope.sql': no such file\n");
    driver.type(TABLE);
    driver.type('.schema\n');
    await output.waitFor("CREATE OBJECT TABLE IF NOT EXISTS default_project.default.t\nLOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/';\n");
    driver.type(`.open ${warehouse}\n`);
    driver.type(TABLE);
    driver.type('.open\n.tables\n');
    await output.waitFor('table_name,table_type\n');
    driver.type(`.open ${warehouse}\n.schema t\n`);
    const mark = output.text.length;
    await output.waitFor('CREATE OBJECT TABLE IF NOT EXISTS default_project.default.t', mark);
    driver.type('.help\n');
    await output.waitFor('.open [PATH]');
    driver.type('.schema nosuch\n');
    await errors.waitFor(/FAILED: ODPS-0130131:Table not found - .*nosuch.*\n/);
    driver.type('.frobnicate\n');
    await errors.waitFor("Error: unknown command '.frobnicate'; dot commands are .help, .tables");
    expect(errors.text).not.toMatch(/\n\s+at /);
  });

  it('.read runs dot commands between statements, names lines of the file in errors, stops at the first error and refuses a loop', async () => {
    writeFileSync(join(dir, 'modes.sql'), ["SELECT 1 AS a;", '.mode jsonl', "SELECT 'two;", ".mode csv' AS b; -- a dot line inside a string is text", '.mode json', 'SELECT 3 AS c', ';', ''].join('\n'));
    writeFileSync(join(dir, 'bad.sql'), ['SELECT 1 AS ok;', '', 'SELECT * FROM', ';', '.mode jsonl', 'SELECT 2 AS never;'].join('\n'));
    writeFileSync(join(dir, 'badDot.sql'), ['.mode nope', 'SELECT 2 AS never;'].join('\n'));
    writeFileSync(join(dir, 'loop.sql'), ['SELECT 5 AS before_loop;', '.read loop.sql'].join('\n'));
    driver = new ShellDriver({ format: 'csv', cwd: dir });
    const { output, errors } = driver;
    driver.type('.read modes.sql\n');
    await output.waitFor('a\n1\n{"b":"two;\\n.mode csv"}\n[{"c":3}]\n');
    driver.type('.mode csv\n.read bad.sql\n');
    await errors.waitFor('FAILED: ODPS-0130161:[3,14] Parse exception - unexpected end of statement\n');
    driver.type('.read badDot.sql\n');
    await errors.waitFor("Error: .mode 'nope' is not an output format");
    driver.type('.read loop.sql\n');
    await errors.waitFor('files reading each other');
    driver.type("SELECT 'after' AS z;\n");
    await output.waitFor('z\nafter\n');
    expect(output.text).not.toContain('never');
    expect(output.text.match(/before_loop/g)).toHaveLength(1);
  });

  it('writes entered lines to the history file and reads them back; .quit exits 0', async () => {
    const historyFile = join(dir, 'history');
    writeFileSync(historyFile, 'SELECT 0;\n');
    driver = new ShellDriver({ historyFile, format: 'csv' });
    driver.type('SELECT 1\n\n   \n;\n.quit\n');
    expect(await driver.exited).toBe(0);
    expect(readFileSync(historyFile, 'utf8')).toBe('SELECT 0;\nSELECT 1\n;\n.quit\n');
    driver = undefined;
  });
});
