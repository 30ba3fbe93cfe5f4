import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuietServers } from '../support/QuietServers.js';
import { hasTmux, TmuxSession } from '../support/TmuxSession.js';

const KEY_ID = 'LTAI5tTerminalTestKey';
const SECRET = 'TerminalSecret-DoNotLeak-141421';
const PROMPT = 'default_project.default> ';
const TABLE = "CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/';";

/**
 * ossduck's shell in a real terminal (tmux), used as a new user would. Each
 * test has its own HOME and history file, and its own tmux server, killed
 * afterwards.
 */
describe.skipIf(!hasTmux())('ossduck shell in a terminal (tmux)', () => {
  let home: string;
  let history: string;
  let session: TmuxSession | undefined;

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'ossduck-terminal-'));
    history = join(home, 'history');
  });
  afterEach(async () => {
    await session?.kill();
    session = undefined;
    rmSync(home, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string> = {}): Promise<TmuxSession> => {
    session = await TmuxSession.start({ HOME: home, OSSDUCK_HISTORY: history, ...env });
    await session.waitFor(PROMPT);
    return session;
  };

  it('runs a statement typed over two lines; a syntax error is one red line without a stack trace, and the shell goes on', async () => {
    const s = await start();
    await s.enter('SELECT 40 +');
    await s.waitFor('...> ');
    await s.enter('2 AS answer;');
    await s.waitFor(/│\s+42 │/);
    let mark = await s.mark();
    await s.enter('SELEC 1;');
    const screen = await s.waitFor(/FAILED: ODPS-0130161:\[1,1\] Parse exception - invalid token 'SELEC'\n/, { after: mark });
    expect(screen).not.toMatch(/\n\s+at /);
    expect(await s.screen(true)).toMatch(/\x1b\[31mFAILED: ODPS-0130161/);
    mark = await s.mark();
    await s.enter("SELECT 'still here' AS s;");
    await s.waitFor('still here', { after: mark });
  });

  it('lists an object table with .tables, signs a URL without showing the secret, shows it whole (a record when wider than the terminal, and with .mode line), and completes with Tab', async () => {
    const s = await start({ OSS_ACCESS_KEY_ID: KEY_ID, OSS_ACCESS_KEY_SECRET: SECRET });
    await s.enter(TABLE);
    await s.enter('.tables');
    await s.waitFor(/│ t\s+│ OBJECT TABLE │/);
    let mark = await s.mark();
    await s.enter("SELECT GET_SIGNED_URL_FROM_OSS('default_project.default.t','a.txt') AS url;");
    const record = await s.waitFor(/url \| https:\S+x-oss-signature-version=OSS4-HMAC-SHA256\n1 row, one line per column/, { after: mark });
    // The terminal wraps the long line; joined, it is the whole URL, copied as one.
    expect(/url \| (https:\S+)\n/.exec(record.slice(mark))![1]).toMatch(/^https:\/\/examplebucket\.oss-cn-hangzhou\.aliyuncs\.com\/dir\/a\.txt\?x-oss-credential=LTAI5tTerminalTestKey%2F.*&x-oss-signature=[0-9a-f]{64}&x-oss-signature-version=OSS4-HMAC-SHA256$/);
    mark = await s.mark();
    await s.enter('.mode line');
    await s.enter("SELECT GET_SIGNED_URL_FROM_OSS('default_project.default.t','a.txt') AS url;");
    const screen = await s.waitFor(/url = https:\S+x-oss-signature-version=OSS4-HMAC-SHA256\n/, { after: mark });
    const url = /url = (https:\S+)\n/.exec(screen.slice(mark))![1]!;
    expect(url).toMatch(/^https:\/\/examplebucket\.oss-cn-hangzhou\.aliyuncs\.com\/dir\/a\.txt\?x-oss-credential=LTAI5tTerminalTestKey%2F\d{8}%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=\d{8}T\d{6}Z&x-oss-expires=3600&x-oss-signature=[0-9a-f]{64}&x-oss-signature-version=OSS4-HMAC-SHA256$/);
    mark = await s.mark();
    await s.type('SELECT get_signed_u');
    await s.press('Tab');
    await s.waitFor('SELECT get_signed_url_from_oss', { after: mark });
    await s.press('C-c');
    expect(await s.screen()).not.toContain(SECRET);
  });

  it('stops a long query on Ctrl-C, then runs the next statement', async () => {
    const s = await start();
    await s.enter('.timer on');
    let mark = await s.mark();
    await s.enter('SELECT count(*) FROM range(100000000000) a, range(1000) b;');
    // the query is running once the terminal has echoed it and no prompt follows
    await s.waitFor('b;', { after: mark });
    mark = await s.mark();
    const pressed = Date.now();
    await s.press('C-c');
    await s.waitFor('FAILED: ODPS-0120031:[1,1] Instance has been cancelled - Interrupted!', { after: mark });
    const cancelMs = Date.now() - pressed;
    console.info(`Ctrl-C cancelled the query in ${cancelMs} ms (as seen on the terminal, polled every 25 ms)`);
    expect(cancelMs).toBeLessThan(5000);
    await s.waitFor(/Run Time: real \d+\.\d{3} s\n/, { after: mark });
    mark = await s.mark();
    await s.enter('SELECT 7 AS next;');
    await s.waitFor(/│\s+7 │/, { after: mark });
  });

  it('stops on Ctrl-C a GET_DATA_FROM_OSS waiting on an OSS that never answers, then runs the next statement', async () => {
    const servers = await QuietServers.start();
    try {
      const s = await start({ OSS_ACCESS_KEY_ID: KEY_ID, OSS_ACCESS_KEY_SECRET: SECRET, OSSDUCK_OSS_ENDPOINT: servers.silent });
      await s.enter(`${TABLE} SET ossduck.oss.read_timeout_ms=3600000;`);
      let mark = await s.mark();
      await s.enter("SELECT octet_length(GET_DATA_FROM_OSS('default_project.default.t', 'k')) AS n;");
      await servers.connections(1);
      await s.press('C-c');
      await s.waitFor(/FAILED: ODPS-0120031:\[1,\d+\] Instance has been cancelled - stopped by SIGINT while waiting on OSS\n/, { after: mark });
      mark = await s.mark();
      await s.enter('SELECT 7 AS next;');
      await s.waitFor(/│\s+7 │/, { after: mark });
    } finally {
      await servers.stop();
    }
  });

  it('clears a half-typed line and a half-typed statement on Ctrl-C', async () => {
    const s = await start();
    await s.type("SELECT 'half typed");
    await s.press('C-c');
    await s.enter('SELECT');
    await s.waitFor('...> ');
    await s.type('  1 AS never');
    await s.press('C-c');
    let mark = await s.mark();
    await s.enter("SELECT 'fresh' AS f;");
    const screen = await s.waitFor(/│ fresh\s+│/, { after: mark });
    expect(screen).not.toContain('FAILED');
    expect(screen).not.toContain('never │');
    mark = await s.mark();
    await s.enter('SELECT 2 AS two;');
    await s.waitFor(/│\s+2 │/, { after: mark });
  });

  it('keeps history in the history file across sessions; .quit and Ctrl-D exit with 0', async () => {
    let s = await start();
    await s.enter('SELECT 1 AS first;');
    await s.enter('');
    await s.enter('   ');
    await s.enter('SELECT 2 AS second;');
    await s.enter('.quit');
    await s.waitFor('[exited 0]');
    expect(readFileSync(history, 'utf8')).toBe('SELECT 1 AS first;\nSELECT 2 AS second;\n.quit\n');
    await s.kill();

    s = await start();
    const mark = await s.mark();
    await s.press('Up', 'Up');
    const screen = await s.waitFor('SELECT 2 AS second;', { after: mark });
    expect(screen.trimEnd().endsWith(`${PROMPT}SELECT 2 AS second;`)).toBe(true);
    await s.press('C-c');
    await s.press('C-d');
    await s.waitFor('[exited 0]');
  });
});
