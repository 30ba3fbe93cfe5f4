// Two texts side by side, line by line, with what differs marked: lines only
// one side has, and within a changed line the part that changed.
import { h } from './dom.js';

/** The longest common subsequence of two line lists, as index pairs. */
function commonLines(a, b) {
  const n = a.length;
  const m = b.length;
  const len = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) len[i][j] = a[i] === b[j] ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
  }
  const pairs = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i++, j++]);
    } else if (len[i + 1][j] >= len[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** A changed line with its differing middle marked (common prefix and suffix left plain). */
function marked(line, other, cls) {
  let start = 0;
  while (start < line.length && start < other.length && line[start] === other[start]) start++;
  let end = 0;
  while (end < line.length - start && end < other.length - start && line[line.length - 1 - end] === other[other.length - 1 - end]) end++;
  return h(`span.line.${cls}`, null, line.slice(0, start), h('mark', null, line.slice(start, line.length - end) || ' '), line.slice(line.length - end));
}

const plain = (text, cls) => h(`span.line.${cls}`, null, text === '' ? ' ' : text);
const filler = () => h('span.line.gap', null, ' ');

/**
 * Rows of `left` and `right` aligned, each a pair of line nodes: equal lines
 * side by side, a run of changed lines paired up row by row, lines one side
 * lacks facing a gap. Laid out as a two-column grid, a long line that wraps
 * keeps its row's partner level with it.
 */
export function sideBySide(left, right) {
  const a = left.split('\n');
  const b = right.split('\n');
  const rows = [];
  let i = 0;
  let j = 0;
  const flush = (untilI, untilJ) => {
    while (i < untilI || j < untilJ) {
      const l = i < untilI ? a[i] : undefined;
      const r = j < untilJ ? b[j] : undefined;
      if (l !== undefined && r !== undefined) {
        rows.push([marked(l, r, 'del'), marked(r, l, 'add')]);
      } else if (l !== undefined) {
        rows.push([plain(l, 'del'), filler()]);
      } else {
        rows.push([filler(), plain(r, 'add')]);
      }
      if (l !== undefined) i++;
      if (r !== undefined) j++;
    }
  };
  for (const [x, y] of [...commonLines(a, b), [a.length, b.length]]) {
    flush(x, y);
    if (x < a.length && y < b.length) {
      rows.push([plain(a[x], 'same'), plain(b[y], 'same')]);
      i = x + 1;
      j = y + 1;
    }
  }
  return rows;
}
