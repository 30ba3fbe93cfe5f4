import { DuckDBInstance, DuckDBScalarFunction, VARCHAR } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readVarchars } from '../../src/udf/readVarchars.js';

/** A function that returns what readVarchars read, so DuckDB can compare it with the input. */
describe('readVarchars', () => {
  let instance: DuckDBInstance;
  let connection: Awaited<ReturnType<DuckDBInstance['connect']>>;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    connection.registerScalarFunction(
      DuckDBScalarFunction.create({
        name: 'echo_varchars',
        returnType: VARCHAR,
        parameterTypes: [VARCHAR],
        specialHandling: true,
        mainFunction: (_info, chunk, output) => {
          const values = readVarchars(duckdb.data_chunk_get_vector(chunk.chunk, 0), chunk.rowCount);
          values.forEach((v, row) => output.setItem(row, v));
          output.flush();
        },
      }),
    );
    await connection.run(`CREATE TABLE t AS SELECT CASE WHEN i % 17 = 0 THEN NULL WHEN i % 5 = 0 THEN 'short' || (i % 7)::VARCHAR
      ELSE 'data/' || (i % 1000)::VARCHAR || '/中文-' || i::VARCHAR || repeat('x', i % 40) || '.parquet' END AS k FROM range(20000) r(i)`);
    await connection.run(`COPY t TO '/tmp/ossduck-readvarchars.parquet'`);
  });

  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  it.each([
    ['a table scan (descending addresses)', 'SELECT k AS x FROM t'],
    ['computed strings (ascending)', "SELECT 'key/' || i::VARCHAR || '/' || repeat('é', i % 9) AS x FROM range(20000) r(i)"],
    ['a constant argument', "SELECT 'default_project.default.some_table' AS x FROM range(5000)"],
    ['a Parquet scan (gaps between strings)', "SELECT k AS x FROM '/tmp/ossduck-readvarchars.parquet'"],
    ['shuffled rows', 'SELECT k AS x FROM t ORDER BY hash(k)'],
    ['inline and NULL strings', "SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE 'ab' || i::VARCHAR END AS x FROM range(3000) r(i)"],
  ])('reads %s exactly', async (_what, source) => {
    const reader = await connection.runAndReadAll(
      `SELECT count(*) AS n, count(*) FILTER (WHERE echo_varchars(x) IS DISTINCT FROM x) AS wrong FROM (${source})`,
    );
    const [[n, wrong]] = reader.getRows() as [[bigint, bigint]];
    expect(n).toBeGreaterThan(0n);
    expect(wrong).toBe(0n);
  });
});
