import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalOssServerRecord } from '../../../src/oss/local/LocalOssServer.js';
import { forgetServer, localOssRoot, readServerRecord, recordServer, SERVER_FILE } from '../../../src/oss/local/LocalOssServer.js';

describe('the local OSS server record', () => {
  let warehouse: string;
  let record: LocalOssServerRecord;
  beforeEach(() => {
    warehouse = mkdtempSync(join(tmpdir(), 'ossduck-record-'));
    mkdirSync(join(warehouse, 'oss'));
    record = {
      ossUrl: 'http://127.0.0.1:9000',
      stsUrl: 'http://127.0.0.1:9000',
      consoleUrl: 'http://127.0.0.1:9000/-/console/',
      pid: 4242,
      root: localOssRoot(warehouse),
      accessKeyId: 'LTAIrecordtest',
      version: '0.1.0',
      startedAt: '2026-11-23T12:00:00.000Z',
    };
  });
  afterEach(() => rmSync(warehouse, { recursive: true, force: true }));

  it('is written whole, private, and read back as written', () => {
    recordServer(warehouse, record);
    expect(statSync(join(warehouse, SERVER_FILE)).mode & 0o777).toBe(0o600);
    expect(readServerRecord(warehouse)).toEqual(record);
    recordServer(warehouse, { ...record, pid: 4343 });
    expect(readServerRecord(warehouse)?.pid).toBe(4343);
    expect(readdirSync(warehouse).sort()).toEqual([SERVER_FILE, 'oss']);
  });

  it('is removed only by the process that wrote it', () => {
    recordServer(warehouse, record);
    forgetServer(warehouse, 1);
    expect(readServerRecord(warehouse)).toBeDefined();
    forgetServer(warehouse, 4242);
    expect(readServerRecord(warehouse)).toBeUndefined();
    forgetServer(warehouse, 4242);
  });

  const unreadable = ['', 'not json', '{}', '{"ossUrl":"http://x","stsUrl":"http://x","root":"/r","accessKeyId":"k","pid":"12"}', '[]'];
  for (const text of unreadable) {
    it(`reads ${JSON.stringify(text)} as no record`, () => {
      writeFileSync(join(warehouse, SERVER_FILE), text);
      expect(readServerRecord(warehouse)).toBeUndefined();
    });
  }

  it('names the folder of buckets by its real path, whatever path the warehouse is reached by', () => {
    const link = join(warehouse, '..', `${warehouse.split('/').pop()}-link`);
    symlinkSync(warehouse, link);
    try {
      expect(localOssRoot(link)).toBe(localOssRoot(warehouse));
      expect(localOssRoot(join(warehouse, 'nowhere'))).toBe(join(warehouse, 'nowhere', 'oss'));
    } finally {
      rmSync(link);
    }
  });
});
