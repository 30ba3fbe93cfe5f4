import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { keepByteOrderMarks } from '../../src/session/keepByteOrderMarks.js';

describe('keepByteOrderMarks', () => {
  it('makes node-api hand back a leading U+FEFF, alone or before text', async () => {
    keepByteOrderMarks();
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(
        "SELECT chr(65279) || 'a.txt', chr(65279), chr(65279) || chr(65279) || 'x', 'a' || chr(65279) || repeat('b', 20)",
      );
      const [row] = reader.getRows();
      expect(row).toEqual(['\ufeffa.txt', '\ufeff', '\ufeff\ufeffx', `a\ufeff${'b'.repeat(20)}`]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
