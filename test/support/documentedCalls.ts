import { expect, it } from 'vitest';
import { failureOf, textRows } from './sessionProbe.js';
import type { SqlRunner } from './sessionProbe.js';

/** A documented call, its value as text and its DuckDB type, with the page it is from. */
export interface DocumentedCall {
  readonly sql: string;
  readonly result: string;
  readonly type: string;
  readonly url: string;
  readonly doc: string;
}

/** A call MaxCompute refuses, and the message ossduck refuses it with (a regular expression). */
export interface RefusedCall {
  readonly sql: string;
  readonly message: string;
  readonly url: string;
  readonly doc: string;
}

/** One test per documented call: its value, as text, and its type are the documented ones. */
export function itAnswersAsDocumented(session: () => SqlRunner, calls: readonly DocumentedCall[]): void {
  it.each(calls)('$sql gives $result ($url)', async ({ sql, result, type }) => {
    const [row] = await textRows(session(), `SELECT CAST((${sql}) AS VARCHAR), typeof(${sql})`);
    expect(row).toEqual([result, type]);
  });
}

/** One test per refused call: it fails with a one-line message that matches. */
export function itRefusesAsDocumented(session: () => SqlRunner, calls: readonly RefusedCall[]): void {
  it.each(calls)('$sql is refused ($url)', async ({ sql, message }) => {
    const failure = await failureOf(session(), `SELECT ${sql}`);
    expect(failure.message).not.toContain('\n');
    expect(failure.message).toMatch(new RegExp(message));
  });
}

/** A documented rule as a call and its value (`result`) or a part of its error (`error`), with the page it is from. */
export interface DocumentedRule {
  readonly sql: string;
  readonly result?: string;
  readonly error?: string;
  readonly url: string;
  readonly doc: string;
}

/** One test per rule: the call gives `result` as a value of `type`, or fails with a one-line message containing `error`. */
export function itFollowsDocumentedRules(session: () => SqlRunner, rules: readonly DocumentedRule[], type: string): void {
  it.each(rules)('$sql ($url)', async ({ sql, result, error }) => {
    if (error !== undefined) {
      const failure = await failureOf(session(), `SELECT ${sql}`);
      expect(failure.message).toContain(error);
      expect(failure.message).not.toContain('\n');
    } else {
      expect(await textRows(session(), `SELECT ${sql}, typeof(${sql})`)).toEqual([[result, type]]);
    }
  });
}

/** A documented cast, its value as text, and DuckDB's own where it differs, with the page it is from. */
export interface DocumentedCast {
  readonly sql: string;
  readonly result: string;
  readonly duckdb?: string;
  readonly url: string;
  readonly doc: string;
}

/**
 * One test per cast: `CAST(x AS T)` gives `result`, and where DuckDB's own
 * cast differs, `(x)::T` (which ossduck leaves as written) gives `duckdb`.
 */
export function itCastsAsDocumented(session: () => SqlRunner, casts: readonly DocumentedCast[]): void {
  const one = async (sql: string): Promise<string> => (await textRows(session(), `SELECT ${sql}`))[0]![0]!;
  it.each(casts)('$sql gives $result ($url)', async ({ sql, result, duckdb }) => {
    expect(await one(sql)).toBe(result);
    if (duckdb !== undefined) expect(await one(sql.replace(/CAST\((.*) AS (\w+)\)$/, '($1)::$2'))).toBe(duckdb);
  });
}

/** A documented query and its rows, each row's values joined by ' | ', with the page it is from. */
export interface DocumentedQuery {
  readonly sql: string;
  readonly result: readonly string[];
  readonly url: string;
  readonly doc: string;
}

/** One test per query: its rows, as text, are the documented ones. */
export function itQueriesAsDocumented(session: () => SqlRunner, queries: readonly DocumentedQuery[]): void {
  it.each(queries)('$sql ($url)', async ({ sql, result }) => {
    expect((await textRows(session(), sql)).map((row) => row.join(' | '))).toEqual(result);
  });
}
