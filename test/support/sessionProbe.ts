import type { DuckDBValue } from '@duckdb/node-api';
import { expect } from 'vitest';
import { OssduckError } from '../../src/OssduckError.js';

/** What the probes run SQL on: a Session (or anything with its `run`). */
export interface SqlRunner {
  run(script: string): Promise<{ columnNames: readonly string[]; rows: DuckDBValue[][] }[]>;
}

/** The rows of a script's last statement. */
export async function lastRows(session: SqlRunner, sql: string): Promise<DuckDBValue[][]> {
  const results = await session.run(sql);
  return results[results.length - 1]!.rows;
}

/** The rows of a script's last statement, every value as text ('NULL' for NULL). */
export async function textRows(session: SqlRunner, sql: string): Promise<string[][]> {
  return (await lastRows(session, sql)).map((row) => row.map((v) => (v === null ? 'NULL' : String(v))));
}

/** The first value of a script's last statement. */
export async function firstValue(session: SqlRunner, sql: string): Promise<DuckDBValue> {
  return (await lastRows(session, sql))[0]![0]!;
}

/** The ossduck error a script fails with; the test fails when it does not fail, or fails otherwise. */
export async function failureOf(session: SqlRunner, sql: string): Promise<OssduckError> {
  try {
    await session.run(sql);
  } catch (error) {
    expect(error).toBeInstanceOf(OssduckError);
    return error as OssduckError;
  }
  throw new Error(`no error for ${sql}`);
}
