import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A decoder that keeps every code point, a leading U+FEFF too (the default decoder drops it). */
export const exactUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

let done = false;

/**
 * Makes @duckdb/node-api read VARCHAR values with every code point kept.
 *
 * node-api decodes strings with `new TextDecoder()`, which drops a leading
 * byte-order mark: `chr(65279) || 'a.txt'` would come back as `a.txt`, and a
 * key that OSS holds as `%EF%BB%BFa.txt` would be printed, and signed, as
 * another object's name. node-api reads its decoder from its module's
 * exports at every call, so it is replaced there, once, before any DuckDB
 * value is read. A test (`keepByteOrderMarks`) fails if a node-api upgrade
 * moves it.
 */
export function keepByteOrderMarks(): void {
  if (done) return;
  const accessors = require('@duckdb/node-api/lib/vectors/dataAccessors.js') as { textDecoder?: unknown };
  if (!(accessors.textDecoder instanceof TextDecoder)) {
    throw new Error('@duckdb/node-api no longer exports its text decoder; ossduck cannot keep leading byte-order marks');
  }
  accessors.textDecoder = exactUtf8;
  done = true;
}
