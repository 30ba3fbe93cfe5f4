import duckdb from '@duckdb/node-bindings';

/** Strings whose bytes lie less than a page apart can be read together: every byte between them is mapped. */
const PAGE = 4096;
const MAX_SPAN = 4 * 1024 * 1024;

/**
 * Where each value of a VARCHAR vector lies, as UTF-8 bytes: row `r` is
 * `buffers[buffer[r]][start[r], start[r] + length[r])`, and `buffer[r]` is
 * -1 for NULL. `entries` are the vector's 16-byte string entries.
 */
export interface VarcharBytes {
  readonly rows: number;
  readonly entries: DataView;
  readonly buffers: Buffer[];
  readonly buffer: Int32Array;
  readonly start: Int32Array;
  readonly length: Int32Array;
}

/**
 * The bytes of every value of a VARCHAR vector, read from DuckDB's 16-byte
 * string entries (length, then 12 inline bytes or a 4-byte prefix and a
 * pointer), without decoding them.
 *
 * Reading one out-of-line string through node-bindings costs a native call
 * (about a microsecond), which dominated signing. DuckDB lays a chunk's strings
 * out next to each other (a table scan, in descending addresses; computed
 * strings, ascending), so this reads each run of strings less than a page
 * apart with one call. The bytes read between two strings lie on the pages of
 * those strings, which are mapped; they are never used.
 */
export function readVarcharBytes(raw: duckdb.Vector, rows: number): VarcharBytes {
  const buffer = new Int32Array(rows).fill(-1);
  const start = new Int32Array(rows);
  const length = new Int32Array(rows);
  const data = rows === 0 ? new Uint8Array(0) : duckdb.vector_get_data(raw, rows * 16);
  const entries = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const buffers: Buffer[] = [Buffer.from(data.buffer, data.byteOffset, data.byteLength)];
  const result = { rows, entries, buffers, buffer, start, length };
  if (rows === 0) return result;
  const validity = duckdb.vector_get_validity(raw, Math.ceil(rows / 64) * 8);
  const outOfLine: number[] = [];
  for (let row = 0; row < rows; row++) {
    if (validity && ((validity[row >> 3]! >> (row & 7)) & 1) === 0) continue;
    const o = row * 16;
    const size = entries.getUint32(o, true);
    length[row] = size;
    if (size <= 12) {
      buffer[row] = 0;
      start[row] = o + 4;
    } else {
      outOfLine.push(row);
    }
  }
  if (outOfLine.length === 0) return result;
  // Order by address (runs are usually already ascending or descending).
  const low = (row: number): number => entries.getUint32(row * 16 + 8, true);
  const high = (row: number): number => entries.getUint32(row * 16 + 12, true);
  const before = (a: number, b: number): number => high(a) - high(b) || low(a) - low(b);
  let ascending = true;
  let descending = true;
  for (let i = 1; i < outOfLine.length && (ascending || descending); i++) {
    const c = before(outOfLine[i - 1]!, outOfLine[i]!);
    if (c > 0) ascending = false;
    if (c < 0) descending = false;
  }
  if (descending && !ascending) outOfLine.reverse();
  else if (!ascending) outOfLine.sort(before);
  let first = 0;
  while (first < outOfLine.length) {
    const head = outOfLine[first]!;
    const spanHigh = high(head);
    const spanLow = low(head);
    let spanEnd = spanLow + length[head]!;
    let end = first + 1;
    while (end < outOfLine.length) {
      const next = outOfLine[end]!;
      const nextLow = low(next);
      const nextEnd = nextLow + length[next]!;
      if (high(next) !== spanHigh || nextLow - spanEnd >= PAGE || nextEnd > 0xffffffff || nextEnd - spanLow > MAX_SPAN) break;
      spanEnd = Math.max(spanEnd, nextEnd);
      end++;
    }
    const bytes = duckdb.get_data_from_pointer(data.buffer as ArrayBuffer, data.byteOffset + head * 16 + 8, spanEnd - spanLow);
    const index = buffers.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) - 1;
    for (let i = first; i < end; i++) {
      const row = outOfLine[i]!;
      buffer[row] = index;
      start[row] = low(row) - spanLow;
    }
    first = end;
  }
  return result;
}
