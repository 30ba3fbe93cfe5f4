import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';

const credentials = new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAIsettings', accessKeySecret: 'settings-secret' }));

/** Every setting given outside SQL applies, or is refused naming it; none is recorded and ignored. */
describe('settings given when a session opens, and by SETPROJECT', () => {
  let session: Session | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('hands DuckDB settings to DuckDB: enable_external_access=false stops file reads', async () => {
    session = await Session.open({ credentials, settings: { enable_external_access: 'false', threads: '1' } });
    expect(await textRows(session, "SELECT current_setting('enable_external_access')::VARCHAR, current_setting('threads')::VARCHAR")).toEqual([['false', '1']]);
    expect((await failureOf(session, "SELECT * FROM read_text('/etc/hostname')")).detail).toMatch(/disabled by configuration/);
  });

  it('refuses a DuckDB setting of the wrong type, and an unknown name, naming it', async () => {
    await expect(Session.open({ credentials, settings: { threads: 'abc' } })).rejects.toThrow(/setting threads=abc is not allowed: .*abc/);
    await expect(Session.open({ credentials, settings: { threadz: '2' } })).rejects.toThrow(/setting threadz=2 is not allowed/);
    await expect(Session.open({ credentials, settings: { 'ossduck.nope': '1' } })).rejects.toThrow(/unknown setting 'ossduck.nope'/);
  });

  it('keeps a DuckDB setting given by SETPROJECT with the project and applies it on USE', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-setproject-duck-'));
    session = await Session.open({ credentials, warehouse: dir, project: 'set_main' });
    await session.run('SETPROJECT enable_external_access=false');
    expect(await textRows(session, "SELECT current_setting('enable_external_access')::VARCHAR")).toEqual([['false']]);
    expect((await failureOf(session, 'SETPROJECT threadz=2')).detail).toMatch(/SETPROJECT threadz: there is no such setting/);
    expect((await failureOf(session, 'SETPROJECT threads=abc')).detail).toMatch(/setting threads=abc is not allowed/);
    await session.close();
    session = await Session.open({ credentials, warehouse: dir, project: 'set_main' });
    expect(await textRows(session, "SELECT current_setting('enable_external_access')::VARCHAR")).toEqual([['false']]);
    expect(await textRows(session, 'SETPROJECT')).toEqual([['enable_external_access', 'false']]);
  });

  it('refuses, from SQL, the settings chosen at start', async () => {
    session = await Session.open({ credentials });
    expect((await failureOf(session, 'SET ossduck.sandbox=true')).detail).toBe(
      "ossduck.sandbox is chosen when ossduck starts (--set ossduck.sandbox=..., or the library's settings), not by SQL",
    );
  });
});

describe('errors that quote a value', () => {
  it('stay one short line for a 10 MB argument', async () => {
    const session = await Session.open({ credentials });
    try {
      const huge = 'x'.repeat(10 * 1024 * 1024);
      const path = join(mkdtempSync(join(tmpdir(), 'ossduck-huge-')), 'q.sql');
      writeFileSync(path, huge);
      const error = await failureOf(session, `SELECT GET_SIGNED_URL_FROM_OSS(repeat('x', ${huge.length}), 'k')`);
      expect(error.format().length).toBeLessThan(1000);
      expect(error.detail).toContain(`(${huge.length} characters)`);
      const location = await failureOf(session, `CREATE OBJECT TABLE t LOCATION 'oss://${'y'.repeat(100_000)}'`);
      expect(location.format().length).toBeLessThan(1000);
      rmSync(join(path, '..'), { recursive: true, force: true });
    } finally {
      await session.close();
    }
  });
});
