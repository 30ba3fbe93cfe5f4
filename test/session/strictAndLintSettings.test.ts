import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { EmbeddedOss } from '../../src/session/EmbeddedOss.js';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';

const credentials = new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAIstrict', accessKeySecret: 'strict-secret' }));

describe('ossduck.portable=strict', () => {
  it('fails a statement MaxCompute would not accept before it runs, saying where and what to write instead', async () => {
    const session = await Session.open({ credentials });
    try {
      await session.run('SET ossduck.portable=strict; CREATE TABLE facts AS SELECT 1 AS n');
      const cast = await failureOf(session, 'SELECT n::VARCHAR FROM facts');
      expect(cast.format()).toMatch(/^FAILED: ODPS-0130071:\[1,9\] Semantic analysis exception - not portable to MaxCompute \(ossduck.portable=strict\): .*; instead: .*CAST/);
      expect((await failureOf(session, 'SELECT * FROM range(3)')).detail).toMatch(/not portable to MaxCompute/);
      expect((await failureOf(session, 'SET ossduck.signature_version=v1')).detail).toMatch(/not portable to MaxCompute/);
      expect(await textRows(session, 'SELECT CAST(n AS STRING) AS s FROM facts')).toEqual([['1']]);
      await session.run('SET ossduck.portable=off');
      expect(await textRows(session, 'SELECT n::VARCHAR AS s FROM facts')).toEqual([['1']]);
    } finally {
      await session.close();
    }
  });
});

describe('ossduck.lint_on_refresh', () => {
  it('says in one line how many listed keys have errors, warnings and notes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ossduck-lint-refresh-'));
    mkdirSync(join(root, 'lint-bkt', 'dir'), { recursive: true });
    for (const name of ['plain.txt', 'with space.txt', 'a+b.txt', 'x\u200b.txt']) writeFileSync(join(root, 'lint-bkt', 'dir', name), 'x');
    const oss = new EmbeddedOss({ root });
    const notices: string[] = [];
    const session = await Session.open({ credentials: oss, routing: () => oss.routing, closeWith: oss, onNotice: (m) => notices.push(m) });
    try {
      await session.run("CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/lint-bkt/dir/'; ALTER TABLE t REFRESH METADATA");
      expect(notices).toEqual([]);
      await session.run('SET ossduck.lint_on_refresh=true; ALTER TABLE t REFRESH METADATA');
      expect(notices).toEqual([
        'REFRESH METADATA default_project.default.t: 4 objects; keys with errors: 0, with warnings: 2, with notes: 3 (OSSDUCK_LINT_KEY(key) lists each key\'s findings)',
      ]);
    } finally {
      await session.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
