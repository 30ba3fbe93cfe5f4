import type duckdb from '@duckdb/node-bindings';
import { readVarcharBytes } from './readVarcharBytes.js';

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Every value of a VARCHAR vector as a string (NULL as null), read in bulk
 * (`readVarcharBytes`). Rows whose 16-byte entry repeats the row before
 * (a constant argument, flattened) decode once.
 */
export function readVarchars(raw: duckdb.Vector, rows: number): (string | null)[] {
  const { entries, buffers, buffer, start, length } = readVarcharBytes(raw, rows);
  const values = new Array<string | null>(rows).fill(null);
  let last = -1;
  for (let row = 0; row < rows; row++) {
    const index = buffer[row]!;
    if (index < 0) continue;
    const o = row * 16;
    const p = last * 16;
    if (
      last >= 0 &&
      entries.getUint32(o, true) === entries.getUint32(p, true) &&
      entries.getUint32(o + 4, true) === entries.getUint32(p + 4, true) &&
      entries.getUint32(o + 8, true) === entries.getUint32(p + 8, true) &&
      entries.getUint32(o + 12, true) === entries.getUint32(p + 12, true)
    ) {
      values[row] = values[last]!;
    } else {
      const from = start[row]!;
      values[row] = utf8.decode(buffers[index]!.subarray(from, from + length[row]!));
    }
    last = row;
  }
  return values;
}
