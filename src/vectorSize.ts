/**
 * DuckDB's vector size: the most rows a data chunk holds, so the most a
 * scalar function is handed at once and the most a chunk it builds may take.
 * A constant rather than `vector_size()` of the bindings, so the signing
 * worker's shared layout needs no native module (a test checks they agree).
 */
export const VECTOR_SIZE = 2048;
