import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { Session } from '../../src/session/Session.js';
import { textRows } from '../support/sessionProbe.js';

const credentials = new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAImigrate', accessKeySecret: 'migrate-secret' }));

/** A warehouse as ossduck wrote it while object-table definitions lived in catalog.json. */
async function legacyWarehouse(dir: string): Promise<void> {
  mkdirSync(join(dir, 'projects'), { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  await c.run(`ATTACH '${join(dir, 'projects', 'old_project.duckdb')}' AS old_project`);
  await c.run('CREATE SCHEMA old_project."default"; CREATE SCHEMA old_project.s1');
  await c.run(`CREATE TABLE old_project.s1.docs (key VARCHAR, size BIGINT, type VARCHAR, last_modified TIMESTAMPTZ, storage_class VARCHAR,
    etag VARCHAR, restore_info VARCHAR, owner_id VARCHAR, owner_display_name VARCHAR)`);
  await c.run("INSERT INTO old_project.s1.docs VALUES ('a.txt', 5, 'Normal', '2026-11-23 12:00:00+00', 'Standard', 'E1', NULL, NULL, NULL), ('b.txt', 7, 'Normal', '2026-11-23 12:00:00+00', 'Standard', 'E2', NULL, NULL, NULL)");
  await c.run('CREATE TABLE old_project."default".facts AS SELECT 42 AS answer');
  c.closeSync();
  instance.closeSync();
  writeFileSync(
    join(dir, 'catalog.json'),
    JSON.stringify({
      version: 1,
      projects: [
        {
          name: 'old_project',
          createdAt: '2026-11-01T00:00:00.000Z',
          schemas: [
            { name: 'default', createdAt: '2026-11-01T00:00:00.000Z' },
            { name: 's1', comment: 'kept schema', createdAt: '2026-11-01T00:00:00.000Z' },
          ],
          settings: { 'odps.sql.timezone': 'UTC' },
        },
      ],
      tables: [
        {
          project: 'old_project',
          schema: 's1',
          name: 'docs',
          location: { endpoint: 'oss-cn-hangzhou.aliyuncs.com', bucket: 'examplebucket', prefix: 'docs/' },
          region: 'cn-hangzhou',
          product: 'oss',
          roleArn: 'acs:ram::1234567890:role/reader',
          serdeProperties: { 'odps.properties.rolearn': 'acs:ram::1234567890:role/reader' },
          tblProperties: { team: 'etl' },
          comment: 'old docs',
          createdAt: '2026-11-01T00:00:00.000Z',
          lastRefreshedAt: '2026-11-02T00:00:00.000Z',
        },
      ],
    }),
  );
}

describe('migrating a catalog.json warehouse', () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-migrate-'));
    await legacyWarehouse(dir);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves every definition, schema, setting and metadata row into the project, once', async () => {
    for (let open = 0; open < 2; open++) {
      const session = await Session.open({ warehouse: dir, credentials, project: 'old_project' });
      try {
        expect(await textRows(session, 'SHOW SCHEMAS')).toEqual([['default', 'NULL'], ['s1', 'kept schema']]);
        expect(await textRows(session, 'SHOW TABLES IN old_project.s1')).toEqual([['docs', 'OBJECT TABLE']]);
        expect(await textRows(session, 'SELECT key, size FROM s1.docs ORDER BY key')).toEqual([['a.txt', '5'], ['b.txt', '7']]);
        expect(await textRows(session, 'SELECT answer FROM facts')).toEqual([['42']]);
        expect(await textRows(session, 'SETPROJECT')).toEqual([['odps.sql.timezone', 'UTC']]);
        const create = (await textRows(session, 'SHOW CREATE TABLE old_project.s1.docs'))[0]![0]!;
        expect(create).toContain("COMMENT 'old docs'");
        expect(create).toContain("TBLPROPERTIES ('team'='etl')");
        const described = await textRows(session, 'DESC old_project.s1.docs');
        expect(described.find((r) => r[1] === 'RoleArn')?.[2]).toBe('acs:ram::1234567890:role/reader');
      } finally {
        await session.close();
      }
    }
    expect(existsSync(join(dir, 'catalog.json'))).toBe(false);
    expect(existsSync(join(dir, 'catalog.json.migrated'))).toBe(true);
  });
});
