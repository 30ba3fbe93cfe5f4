import type { DuckDBVector } from '@duckdb/node-api';

/**
 * Writes what was set on `output` into DuckDB's vector, then lets go of the
 * JavaScript copies: @duckdb/node-api keeps every value set on a BLOB vector
 * in a cache (`itemCache`) until the vector is dropped, so without this the
 * bytes of every object of a chunk would stay in memory twice. Values already
 * written are never written again (only changed ones are), so emptying the
 * cache changes nothing in the vector.
 */
export function flushAndRelease(output: DuckDBVector): void {
  output.flush();
  const cache = (output as unknown as { itemCache?: unknown }).itemCache;
  if (Array.isArray(cache)) cache.fill(null);
}
