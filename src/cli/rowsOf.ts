import type { DuckDBValue } from '@duckdb/node-api';
import type { Ossduck } from '../Ossduck.js';

/** The rows of a script's last statement that returns rows, as DuckDB values in column order (for the shell's own queries). */
export async function rowsOf(session: Ossduck, script: string): Promise<DuckDBValue[][]> {
  let rows: DuckDBValue[][] = [];
  for await (const result of session.execute(script)) {
    if (!result.returnsRows) continue;
    rows = [];
    for await (const chunk of result.chunks()) rows.push(...chunk);
  }
  return rows;
}
