import duckdb from '@duckdb/node-bindings';
import { describe, expect, it } from 'vitest';
import { VECTOR_SIZE } from '../src/vectorSize.js';

describe('VECTOR_SIZE', () => {
  it("is the vector size of the DuckDB ossduck runs on (chunks it builds and batches it signs are that big)", () => {
    expect(VECTOR_SIZE).toBe(duckdb.vector_size());
  });
});
