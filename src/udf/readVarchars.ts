import duckdb from '@duckdb/node-bindings';

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Strings whose bytes lie less than a page apart can be read together: every byte between them is mapped. */
const PAGE = 4096;
const MAX_SPAN = 4 * 1024 * 1024;

/**
 * Every value of a VARCHAR vector, read from DuckDB's 16-byte string entries
 * (length, then 12 inline bytes or a 4-byte prefix and a pointer).
 *
 * Reading one out-of-line string through node-bindings costs a native call
 * (about a microsecond), which dominated signing. DuckDB lays a chunk's strings
 * out next to each other (a table scan, in descending addresses; computed
 * strings, ascending), so this reads each run of strings less than a page
 * apart with one call and slices the values out. The bytes read between two
 * strings lie on the pages of those strings, which are mapped; they are never
 * used. Identical entries (a constant argument, flattened) decode once.
 */
export function readVarchars(raw: duckdb.Vector, rows: number): (string | null)[] {
  const values = new Array<string | null>(rows).fill(null);
  if (rows === 0) return values;
  const data = duckdb.vector_get_data(raw, rows * 16);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const validity = duckdb.vector_get_validity(raw, Math.ceil(rows / 64) * 8);
  const outOfLine: number[] = [];
  const sameAs = new Int32Array(rows).fill(-1);
  let lastRow = -1;
  for (let row = 0; row < rows; row++) {
    if (validity && ((validity[row >> 3]! >> (row & 7)) & 1) === 0) continue;
    const o = row * 16;
    if (
      lastRow >= 0 &&
      view.getUint32(o, true) === view.getUint32(lastRow * 16, true) &&
      view.getUint32(o + 4, true) === view.getUint32(lastRow * 16 + 4, true) &&
      view.getUint32(o + 8, true) === view.getUint32(lastRow * 16 + 8, true) &&
      view.getUint32(o + 12, true) === view.getUint32(lastRow * 16 + 12, true)
    ) {
      sameAs[row] = lastRow;
      continue;
    }
    const length = view.getUint32(o, true);
    if (length <= 12) {
      values[row] = utf8.decode(new Uint8Array(data.buffer, data.byteOffset + o + 4, length));
    } else {
      outOfLine.push(row);
      (values as (string | null | undefined)[])[row] = undefined;
    }
    lastRow = row;
  }
  if (outOfLine.length === 0) return fillRepeats(values, sameAs);
  // Order by address (runs are usually already ascending or descending).
  const low = (row: number): number => view.getUint32(row * 16 + 8, true);
  const high = (row: number): number => view.getUint32(row * 16 + 12, true);
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
  let start = 0;
  while (start < outOfLine.length) {
    const first = outOfLine[start]!;
    const spanHigh = high(first);
    const spanLow = low(first);
    let spanEnd = spanLow + view.getUint32(first * 16, true);
    let end = start + 1;
    while (end < outOfLine.length) {
      const next = outOfLine[end]!;
      const nextLow = low(next);
      const nextEnd = nextLow + view.getUint32(next * 16, true);
      if (high(next) !== spanHigh || nextLow - spanEnd >= PAGE || nextEnd > 0xffffffff || nextEnd - spanLow > MAX_SPAN) break;
      spanEnd = Math.max(spanEnd, nextEnd);
      end++;
    }
    const bytes = duckdb.get_data_from_pointer(data.buffer as ArrayBuffer, data.byteOffset + first * 16 + 8, spanEnd - spanLow);
    for (let i = start; i < end; i++) {
      const row = outOfLine[i]!;
      const from = low(row) - spanLow;
      values[row] = utf8.decode(bytes.subarray(from, from + view.getUint32(row * 16, true)));
    }
    start = end;
  }
  return fillRepeats(values, sameAs);
}

/** Rows whose entry repeated an earlier row's take that row's value. */
function fillRepeats(values: (string | null)[], sameAs: Int32Array): (string | null)[] {
  for (let row = 0; row < values.length; row++) if (sameAs[row]! >= 0) values[row] = values[sameAs[row]!]!;
  return values;
}
