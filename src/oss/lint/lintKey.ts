import { encodePath } from '../signing/percentEncode.js';
import { codePointLabel, describeCodePoint, INVISIBLE_CHARACTERS, isControl, SPACE_CHARACTERS } from './characterNames.js';
import { findingSpec, KEY_FINDINGS, renderTemplate } from './keyFindings.js';
import type { Severity } from './keyFindings.js';

/** One problem with a key: what it is, how bad, and why, naming the characters and what a client would do. */
export interface KeyFinding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
}

/** OSS's longest object name, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1023;
/** How many characters a list in a message names before `and N more`. */
const LIST_LIMIT = 6;
/** A host the dot-segment check resolves paths against; only the path is read. */
const PROBE_ORIGIN = 'https://bucket.oss-cn-hangzhou.aliyuncs.com';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const EDGE_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d]);
const ORDER = new Map(KEY_FINDINGS.map((spec, i) => [spec.code, i] as const));

/** Decodes UTF-8 exactly: a leading U+FEFF is kept (it is part of the key). */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossyUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

function finding(code: string, values: Readonly<Record<string, string | number>> = {}): KeyFinding {
  const spec = findingSpec(code);
  return { code, severity: spec.severity, message: renderTemplate(spec.template, values) };
}

/** Characters that show as nothing, or as something else, on their own: named by code point in messages. */
function isUnseen(cp: number): boolean {
  return isControl(cp) || INVISIBLE_CHARACTERS.has(cp) || (cp !== 0x20 && SPACE_CHARACTERS.has(cp));
}

/**
 * `'text'` with the characters one cannot see (controls, invisible and
 * space characters other than U+0020, lone surrogates) written `\u{XXXX}`.
 */
export function quoteKey(text: string): string {
  let out = '';
  for (const c of text) {
    const cp = c.codePointAt(0)!;
    out += isUnseen(cp) || (cp >= 0xd800 && cp <= 0xdfff) ? `\\u{${cp.toString(16).toUpperCase().padStart(4, '0')}}` : c;
  }
  return `'${out}'`;
}

/** `a, b, c and 2 more`. */
function listed(items: readonly string[]): string {
  const shown = items.slice(0, LIST_LIMIT);
  const more = items.length - shown.length;
  const head = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : (shown[0] ?? '');
  return more > 0 ? `${shown.join(', ')} and ${more} more` : head;
}

/** The UTF-8 length of `text` (a lone surrogate counts as the 3 bytes of U+FFFD). */
function utf8Length(text: string): number {
  let n = 0;
  for (const c of text) {
    const cp = c.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Each code point of `text` that `match` accepts, with its 1-based character number. */
function codePointsWhere(text: string, match: (cp: number) => boolean): { cp: number; at: number }[] {
  const found: { cp: number; at: number }[] = [];
  let at = 0;
  for (const c of text) {
    at++;
    const cp = c.codePointAt(0)!;
    if (match(cp)) found.push({ cp, at });
  }
  return found;
}

/** The 1-based character number of UTF-16 offset `index` in `text`. */
function characterAt(text: string, index: number): number {
  return [...text.slice(0, index)].length + 1;
}

function isEdgeSpace(cp: number): boolean {
  return SPACE_CHARACTERS.has(cp) || EDGE_CONTROLS.has(cp);
}

function edgeDescription(cp: number): string {
  return cp === 0x20 ? 'a space' : describeCodePoint(cp);
}

function trimSpaces(text: string): string {
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && isEdgeSpace(chars[start]!.codePointAt(0)!)) start++;
  while (end > start && isEdgeSpace(chars[end - 1]!.codePointAt(0)!)) end--;
  return chars.slice(start, end).join('');
}

/** The dot segments of `key` (`.` and `..` between slashes), described, with the path a browser requests instead. */
function dotSegments(key: string): KeyFinding | undefined {
  const segments = key.split('/');
  const dots = segments.map((s, i) => ({ s, n: i + 1 })).filter(({ s }) => s === '.' || s === '..');
  if (dots.length === 0) return undefined;
  const path = `/${encodePath(key)}`;
  const rewritten = new URL(PROBE_ORIGIN + path).pathname;
  const named = dots.map(({ s, n }) => `'${s}' (segment ${n} of ${segments.length})`);
  return finding('dot-segment', {
    segments: `${dots.length === 1 ? 'the dot segment' : 'the dot segments'} ${listed(named)}`,
    path: shownPath(path),
    rewritten: rewritten === '/' ? "/ (the bucket's listing, not an object)" : shownPath(rewritten),
  });
}

/**
 * What NFC changes first, as code points before and after: the first
 * character with its combining marks that NFC writes otherwise, or (for
 * sequences NFC composes without marks, such as conjoining jamo) the part
 * between the longest common prefix and suffix of the two forms.
 */
function nfcDifference(text: string, nfc: string): { from: string; to: string } {
  const labels = (cps: readonly string[]): string => cps.map((c) => codePointLabel(c.codePointAt(0)!)).join(' ');
  for (const cluster of text.match(/\P{M}\p{M}*|\p{M}+/gu) ?? []) {
    const composed = cluster.normalize('NFC');
    if (composed !== cluster) return { from: labels([...cluster]), to: labels([...composed]) };
  }
  const a = [...text];
  const b = [...nfc];
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { from: labels(a.slice(prefix, a.length - suffix)), to: labels(b.slice(prefix, b.length - suffix)) };
}

/** A URL path for a message: whole up to 160 characters, else its start and its length. */
function shownPath(path: string): string {
  return path.length <= 160 ? path : `${path.slice(0, 160)}... (${path.length} characters)`;
}

/** A key's `%XX` runs decoded as UTF-8 (ill-formed bytes as U+FFFD). */
function percentDecoded(key: string): string {
  return key.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => lossyUtf8.decode(Uint8Array.from(run.slice(1).split('%'), (h) => parseInt(h, 16))));
}

/** What `encodePath` does to each character that it escapes, once per character. */
function encodings(text: string): string[] {
  const seen = new Map<string, string>();
  for (const c of text) {
    if (c === '/' || seen.has(c)) continue;
    const encoded = encodePath(c);
    if (encoded !== c) {
      const cp = c.codePointAt(0)!;
      const shown = isUnseen(cp) || /\p{M}/u.test(c) ? describeCodePoint(cp) : c === "'" ? `"'"` : `'${c}'`;
      seen.set(c, `${shown} -> ${encoded}`);
    }
  }
  return [...seen.values()];
}

function nameChecks(key: string, findings: KeyFinding[]): void {
  if (key.startsWith('/')) findings.push(finding('leading-slash', { stripped: quoteKey(key.replace(/^\/+/, '')) }));
  if (key.startsWith('\\')) findings.push(finding('leading-backslash'));
  if (key.startsWith('?')) findings.push(finding('refused-character'));
}

function urlChecks(key: string, wellFormed: boolean, findings: KeyFinding[]): void {
  const dots = dotSegments(key);
  if (dots) findings.push(dots);
  const slashes = key.indexOf('//');
  if (slashes >= 0) findings.push(finding('double-slash', { index: characterAt(key, slashes), collapsed: quoteKey(key.replace(/\/{2,}/g, '/')) }));
  const plus = key.indexOf('+');
  if (plus >= 0) findings.push(finding('plus-sign', { index: characterAt(key, plus), spaced: quoteKey(key.replaceAll('+', ' ')) }));
  const sequences = key.match(/%[0-9A-Fa-f]{2}/g);
  if (sequences) {
    const first = sequences[0]!;
    findings.push(
      finding('percent-sequence', {
        sequence: sequences.length > 1 ? `'${first}' (and ${sequences.length - 1} more)` : `'${first}'`,
        encoded: encodePath(first),
        decoded: quoteKey(percentDecoded(key)),
      }),
    );
  }
  const encoded = encodePath(key);
  if (wellFormed && encoded !== key) findings.push(finding('needs-encoding', { encoded: shownPath(`/${encoded}`), list: listed(encodings(key)) }));
}

function characterChecks(key: string, findings: KeyFinding[]): void {
  const chars = [...key];
  const first = chars[0]!.codePointAt(0)!;
  const last = chars[chars.length - 1]!.codePointAt(0)!;
  if (isEdgeSpace(first)) findings.push(finding('leading-space', { what: edgeDescription(first), trimmed: quoteKey(trimSpaces(key)) }));
  if (isEdgeSpace(last)) findings.push(finding('trailing-space', { what: edgeDescription(last), trimmed: quoteKey(trimSpaces(key)) }));
  const invisible = codePointsWhere(key, (cp) => INVISIBLE_CHARACTERS.has(cp));
  if (invisible.length > 0) {
    const visible = [...key].filter((c) => !INVISIBLE_CHARACTERS.has(c.codePointAt(0)!)).join('');
    findings.push(finding('invisible-character', { list: listed(invisible.map(({ cp, at }) => `${describeCodePoint(cp)} at character ${at}`)), visible: quoteKey(visible) }));
  }
  const nfc = key.normalize('NFC');
  if (nfc !== key) findings.push(finding('not-nfc', { ...nfcDifference(key, nfc), nfc: quoteKey(nfc) }));
  const controls = codePointsWhere(key, isControl);
  if (controls.length > 0) findings.push(finding('control-character', { list: listed(controls.map(({ cp, at }) => `${describeCodePoint(cp)} at character ${at}`)) }));
}

function sorted(findings: KeyFinding[]): KeyFinding[] {
  return findings.sort((a, b) => ORDER.get(a.code)! - ORDER.get(b.code)!);
}

/**
 * The findings for an object key as a JavaScript string: errors (OSS or the
 * SDKs refuse it), warnings (it works, but a URL for it breaks in common
 * clients, or it is easily mistaken for another key), information (its URL
 * differs from the key as typed). Pure; an empty array for a clean key.
 */
export function lintKey(key: string): KeyFinding[] {
  if (key === '') return [finding('empty')];
  const findings: KeyFinding[] = [];
  const lone = codePointsWhere(key, (cp) => cp >= 0xd800 && cp <= 0xdfff);
  if (lone.length > 0) {
    const what = `${lone.length === 1 ? 'a lone surrogate' : `${lone.length} lone surrogates, the first`} ${codePointLabel(lone[0]!.cp)} at character ${lone[0]!.at}, which has no UTF-8 form`;
    findings.push(finding('invalid-utf8', { what }));
  }
  const bytes = utf8Length(key);
  if (bytes > MAX_KEY_BYTES) findings.push(finding('too-long', { bytes }));
  nameChecks(key, findings);
  const text = lone.length > 0 ? key.replace(LONE_SURROGATE, '\ufffd') : key;
  urlChecks(text, lone.length === 0, findings);
  characterChecks(text, findings);
  return sorted(findings);
}

/** The offset of the first byte of `bytes` that begins no well-formed UTF-8 character, and how many such bytes there are. */
function illFormed(bytes: Uint8Array): { offset: number; count: number } {
  let offset = -1;
  let count = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need >= 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok && need >= 2) {
      const cp = need === 2 ? ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) : ((b & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12);
      ok = need === 2 ? cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff) : cp >= 0x10000 && cp <= 0x10ffff;
    }
    if (ok) {
      i += need + 1;
    } else {
      if (offset < 0) offset = i;
      count++;
      i++;
    }
  }
  return { offset, count };
}

/**
 * The findings for a key given as bytes (a line of a file): an ill-formed
 * UTF-8 sequence is an `invalid-utf8` error naming its first byte and where
 * it is; the other checks run on the text with each such sequence read as
 * U+FFFD. A leading byte-order mark is part of the key.
 */
export function lintKeyBytes(bytes: Uint8Array): KeyFinding[] {
  try {
    return lintKey(strictUtf8.decode(bytes));
  } catch {
    // Not UTF-8: reported below, with the byte that breaks it.
  }
  const { offset, count } = illFormed(bytes);
  const hex = `0x${bytes[offset]!.toString(16).toUpperCase().padStart(2, '0')}`;
  const what = count === 1 ? `byte ${offset + 1} (${hex}) begins no UTF-8 character` : `${count} bytes begin no UTF-8 character, the first at byte ${offset + 1} (${hex})`;
  const findings = lintKey(lossyUtf8.decode(bytes)).filter((f) => f.code !== 'too-long' && f.code !== 'needs-encoding');
  findings.push(finding('invalid-utf8', { what }));
  if (bytes.length > MAX_KEY_BYTES) findings.push(finding('too-long', { bytes: bytes.length }));
  return sorted(findings);
}
