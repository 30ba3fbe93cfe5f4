/** Terminal columns a string takes: wide (CJK, emoji) characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** `text` padded to exactly `width` columns (cut, ending in '…', if longer). */
export function fit(text: string, width: number, align: 'left' | 'center' | 'right'): string {
  let shown = text;
  if (displayWidth(text) > width) {
    shown = '';
    let w = 0;
    for (const ch of text) {
      const cw = isWide(ch.codePointAt(0)!) ? 2 : 1;
      if (w + cw > width - 1) break;
      shown += ch;
      w += cw;
    }
    shown += '…';
  }
  const pad = width - displayWidth(shown);
  if (align === 'right') return ' '.repeat(pad) + shown;
  if (align === 'center') return ' '.repeat(Math.floor(pad / 2)) + shown + ' '.repeat(Math.ceil(pad / 2));
  return shown + ' '.repeat(pad);
}

/** The display width of column `i`'s widest cell (a loop: a spread of a million rows overflows the stack). */
export function widestCell(rows: readonly (readonly string[])[], i: number): number {
  let widest = 0;
  for (const row of rows) widest = Math.max(widest, displayWidth(row[i]!));
  return widest;
}
