/**
 * The on-disk names of an object key: a bijection between OSS keys (any
 * UTF-8 text up to 1023 bytes) and relative paths under a bucket folder that
 * can never leave it.
 *
 * A key is split on `/`; every segment becomes one directory level (the last
 * one a file). A segment that is an ordinary file name stays as it is, so
 * `object_table_folder/signedget.txt` is the file
 * `<bucket>/object_table_folder/signedget.txt` and a bucket can be seeded by
 * copying files. Everything else is escaped:
 *
 * - `%XX` (upper-case hex) for control characters, `\` and a `%` that would
 *   otherwise read as one of these escapes (`%25`, `%5C`, `%00`..`%1F`, `%7F`);
 * - the segments `.` and `..` are `%2E` and `%2E%2E`; an empty segment (as in
 *   the folder marker `dir/` or in `a//b`) is `%empty`;
 * - a segment longer than a file name may be (255 bytes) is cut into pieces,
 *   each one a directory level, the second and later ones starting `%+`;
 * - when a key is both an object and a folder (`a` and `a/b`), the object `a`
 *   lives at `a/%self`.
 *
 * No produced name is empty, `.`, `..`, or contains `/` or NUL, so joining
 * them under the bucket folder stays inside it whatever the key.
 */

/** The file that holds object `k` when `k` is also a folder (`k/...` keys exist). */
export const SELF_NAME = '%self';
/** The name of an empty segment. */
export const EMPTY_NAME = '%empty';
/** The prefix of the second and later pieces of a segment too long for one name. */
export const CONTINUATION_PREFIX = '%+';

/** Longest file name most file systems take, in bytes. */
const MAX_NAME_BYTES = 255;
/** Byte budget of one piece of a cut segment (continuations add 2 for `%+`). */
const PIECE_BYTES = 240;
/**
 * The shortest a non-final piece can be: a piece is cut at a code point
 * boundary, at most 3 bytes short of its budget. Only directories whose name
 * is at least this long can have continuation pieces inside.
 */
export const MIN_CUT_PIECE_BYTES = PIECE_BYTES - 3;

function isEscapedCode(code: number): boolean {
  return code <= 0x1f || code === 0x7f || code === 0x25 || code === 0x5c;
}

function hex2(code: number): string {
  return `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** The code of an upper-case `%XX` escape at `i` that decoding would read, or -1. */
function escapeAt(text: string, i: number): number {
  if (text.charCodeAt(i) !== 0x25) return -1;
  const pair = text.slice(i + 1, i + 3);
  if (!/^[0-9A-F]{2}$/.test(pair)) return -1;
  const code = parseInt(pair, 16);
  return isEscapedCode(code) ? code : -1;
}

/** One segment as one escaped name (before cutting long names). */
export function escapeSegment(segment: string): string {
  if (segment === '') return EMPTY_NAME;
  if (segment === '.') return '%2E';
  if (segment === '..') return '%2E%2E';
  if (segment === '%2E' || segment === '%2E%2E' || segment === SELF_NAME || segment === EMPTY_NAME) {
    return segment.replaceAll('%', '%25');
  }
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i);
    if (code === 0x25) {
      // A `%` stays literal unless it would be read back as an escape, or it
      // would start a name that looks like a continuation piece.
      out += escapeAt(segment, i) >= 0 || (i === 0 && segment.charCodeAt(1) === 0x2b) ? '%25' : '%';
    } else if (code <= 0x1f || code === 0x7f || code === 0x5c) {
      out += hex2(code);
    } else {
      out += segment[i];
    }
  }
  return out;
}

/** The inverse of `escapeSegment` on one (whole, uncut) name. */
export function unescapeName(name: string): string {
  if (name === EMPTY_NAME) return '';
  if (name === '%2E') return '.';
  if (name === '%2E%2E') return '..';
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const code = escapeAt(name, i);
    if (code >= 0) {
      out += String.fromCharCode(code);
      i += 2;
    } else {
      out += name[i];
    }
  }
  return out;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** An escaped name cut into pieces of at most `PIECE_BYTES` bytes at code point boundaries. */
function cut(name: string): string[] {
  if (Buffer.byteLength(name, 'utf8') <= MAX_NAME_BYTES) return [name];
  const pieces: string[] = [];
  let piece = '';
  let bytes = 0;
  for (const ch of name) {
    const n = utf8Length(ch.codePointAt(0) ?? 0);
    if (bytes + n > PIECE_BYTES) {
      pieces.push(pieces.length === 0 ? piece : CONTINUATION_PREFIX + piece);
      piece = '';
      bytes = 0;
    }
    piece += ch;
    bytes += n;
  }
  if (piece !== '') pieces.push(pieces.length === 0 ? piece : CONTINUATION_PREFIX + piece);
  return pieces;
}

/** The names (one or more directory levels) of one key segment. */
export function segmentNames(segment: string): string[] {
  return cut(escapeSegment(segment));
}

/**
 * The relative path of an object, as names to join under the bucket folder.
 * The object may instead live at these names plus `SELF_NAME` (see above).
 */
export function keyToPath(key: string): string[] {
  return key.split('/').flatMap(segmentNames);
}

/** The names of the folder holding every key that starts with `folderKey` + `/`. */
export function folderPath(segments: readonly string[]): string[] {
  return segments.flatMap(segmentNames);
}

/**
 * The key stored at a relative path (names under the bucket folder), or
 * undefined when the path is not one `keyToPath` produces (a file copied in
 * with a name the codec would have escaped, such as `a\b`).
 */
export function pathToKey(names: readonly string[]): string | undefined {
  let parts = names;
  if (parts.length > 1 && parts[parts.length - 1] === SELF_NAME) parts = parts.slice(0, -1);
  const escaped: string[] = [];
  for (const name of parts) {
    if (!name.startsWith(CONTINUATION_PREFIX)) escaped.push(name);
    else if (escaped.length === 0) return undefined;
    else escaped[escaped.length - 1] += name.slice(CONTINUATION_PREFIX.length);
  }
  if (escaped.length === 0) return undefined;
  const key = escaped.map(unescapeName).join('/');
  const expected = keyToPath(key);
  if (expected.length !== parts.length || expected.some((name, i) => name !== parts[i])) return undefined;
  return key;
}
