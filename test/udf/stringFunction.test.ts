import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { textRows } from '../support/sessionProbe.js';

let runtime: Session;

const rows = (sql: string): Promise<string[][]> => textRows(runtime, sql);

const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');

describe('STRING', () => {
  beforeEach(async () => {
    runtime = await Session.open({ clock: () => Date.UTC(2026, 10, 23, 12) });
  });
  afterEach(async () => {
    await runtime.close();
  });

  it('reads a BINARY (what GET_DATA_FROM_OSS returns) as UTF-8 text, byte for byte', async () => {
    const text = 'Hello, 世界! café 😀 \u0000 end';
    expect(await rows(`SELECT STRING(unhex('${hex(text)}')), typeof(STRING(unhex('${hex(text)}')))`)).toEqual([[text, 'VARCHAR']]);
    expect(await rows(`SELECT STRING(unhex('EFBBBF61')) = chr(65279) || 'a', STRING(unhex(''))`)).toEqual([['true', '']]);
  });

  it('replaces each ill-formed UTF-8 sequence with U+FFFD instead of failing, as MaxCompute does not fail', async () => {
    expect(
      await rows(`SELECT STRING(b) FROM (VALUES (unhex('C328')), (unhex('616263')), (unhex('E282')), (unhex('FF61FE')), (unhex('EDA080')), (NULL)) t(b)`),
    ).toEqual([['\uFFFD('], ['abc'], ['\uFFFD'], ['\uFFFDa\uFFFD'], ['\uFFFD\uFFFD\uFFFD'], ['NULL']]);
  });

  it('reads 2,000 blobs mixing good and bad bytes in one statement, and a 1 MB one', async () => {
    expect(
      await rows(`SELECT count(*), count_if(s = 'ok' || i), count_if(s = '\uFFFD' || i) FROM (
          SELECT i, STRING(CASE WHEN i % 2 = 0 THEN encode('ok' || i) ELSE unhex('FF') || encode(i::VARCHAR) END) s FROM range(2000) t(i))`),
    ).toEqual([['2000', '1000', '1000']]);
    expect(await rows(`SELECT length(STRING(encode(repeat('é', 500000))))`)).toEqual([['500000']]);
  });

  it('casts other types to STRING; a TIMESTAMP WITH TIME ZONE as its wall time in the session zone', async () => {
    const sql = `SELECT STRING(NULL), STRING('abc'), STRING(123), STRING(CAST(-5 AS BIGINT)), STRING(1.50), STRING(CAST(0.1 AS DOUBLE)), STRING(true),
      STRING(DATE '2025-01-02'), STRING(DATETIME '2025-01-02 03:04:05'), STRING(DATETIME '2025-01-02 03:04:05.120'),
      STRING(TIMESTAMPTZ '2025-01-01 00:00:00+00'), string(CAST(NULL AS BLOB))`;
    expect(await rows(sql)).toEqual([
      ['NULL', 'abc', '123', '-5', '1.50', '0.1', 'true', '2025-01-02', '2025-01-02 03:04:05', '2025-01-02 03:04:05.12', '2025-01-01 08:00:00', 'NULL'],
    ]);
    await runtime.run('SET odps.sql.timezone=America/New_York');
    expect(await rows("SELECT STRING(TIMESTAMPTZ '2025-01-01 00:00:00+00'), STRING(TIMESTAMPTZ '2025-07-01 00:00:00+00')")).toEqual([
      ['2024-12-31 19:00:00', '2025-06-30 20:00:00'],
    ]);
    await runtime.run('SET odps.sql.timezone=Asia/Kolkata');
    expect(await rows("SELECT STRING(TIMESTAMPTZ '2025-01-01 00:00:00+00')")).toEqual([['2025-01-01 05:30:00']]);
  });
});
