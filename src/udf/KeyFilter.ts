import type { Parsed } from '../oss/UrlForm.js';

export const PATTERN_HELP =
  "allowed: a shell-style pattern: '*' (any run of characters but '/'), '?' (one character but '/'), " +
  "'[abc]', '[a-z]', '[!abc]' or '[^abc]' (one character of, or not of, a set), '\\' before a character to take it literally";

/** A character as a literal in a regular expression (unicode mode), outside a set. */
function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** A character as a literal inside a `[...]` set. */
function escapeInSet(ch: string): string {
  return /[\\\]\[^-]/.test(ch) ? `\\${ch}` : ch;
}

/**
 * A shell-style pattern as a regular expression over a whole name, as Go's
 * `filepath.Match` (which ossutil uses) reads it: `*` and `?` never match
 * `/`, `[...]` is a set (`!` or `^` first negates it; ranges with `-`), `\`
 * makes the next character literal.
 */
export function compileShellPattern(pattern: string): Parsed<RegExp> {
  let source = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '\\') {
      const next = chars[++i];
      if (next === undefined) return { problem: `'${pattern}' ends in a lone '\\'; ${PATTERN_HELP}` };
      source += escapeRegExp(next);
    } else if (ch === '[') {
      let j = i + 1;
      let negate = false;
      if (chars[j] === '!' || chars[j] === '^') {
        negate = true;
        j++;
      }
      let set = '';
      let first = true;
      for (; j < chars.length && (chars[j] !== ']' || first); j++) {
        first = false;
        let c = chars[j]!;
        if (c === '\\') {
          c = chars[++j] ?? '';
          if (c === '') break;
        }
        if (chars[j + 1] === '-' && chars[j + 2] !== undefined && chars[j + 2] !== ']') {
          let end = chars[j + 2]!;
          j += 2;
          if (end === '\\') end = chars[++j] ?? '';
          if (end === '' || end < c) return { problem: `'${pattern}' has a bad range '${c}-${end}'; ${PATTERN_HELP}` };
          set += `${escapeInSet(c)}-${escapeInSet(end)}`;
        } else {
          set += escapeInSet(c);
        }
      }
      if (j >= chars.length) return { problem: `'${pattern}' has an unclosed '['; ${PATTERN_HELP}` };
      source += negate ? `[^/${set}]` : `[${set}]`;
      i = j;
    } else source += escapeRegExp(ch);
  }
  return { value: new RegExp(`^${source}$`, 'su') };
}

/**
 * Which objects of a listing to take, as `ossutil --include/--exclude` picks
 * them: an object is taken when it matches `include` (if given) and does not
 * match `exclude` (if given). A pattern without `/` is matched against the
 * object's base name (the part after the last `/`), as ossutil does; one with
 * `/` against the whole name relative to the listed prefix.
 */
export class KeyFilter {
  readonly #include: ((name: string) => boolean) | undefined;
  readonly #exclude: ((name: string) => boolean) | undefined;

  private constructor(include: ((name: string) => boolean) | undefined, exclude: ((name: string) => boolean) | undefined) {
    this.#include = include;
    this.#exclude = exclude;
  }

  /** A filter, or the problem with one of the patterns (which one is named by the caller). */
  static of(include: string | null | undefined, exclude: string | null | undefined): Parsed<KeyFilter> | { problem: string; which: 'include' | 'exclude' } {
    const matcher = (pattern: string | null | undefined): Parsed<((name: string) => boolean) | undefined> => {
      if (pattern === null || pattern === undefined) return { value: undefined };
      const compiled = compileShellPattern(pattern);
      if ('problem' in compiled) return compiled;
      const re = compiled.value;
      const whole = pattern.includes('/');
      return { value: (name: string) => re.test(whole ? name : name.slice(name.lastIndexOf('/') + 1)) };
    };
    const inc = matcher(include);
    if ('problem' in inc) return { problem: inc.problem, which: 'include' };
    const exc = matcher(exclude);
    if ('problem' in exc) return { problem: exc.problem, which: 'exclude' };
    return { value: new KeyFilter(inc.value, exc.value) };
  }

  /** Whether the object named `relativeKey` (relative to the listed prefix) is taken. */
  takes(relativeKey: string): boolean {
    if (this.#include && !this.#include(relativeKey)) return false;
    return !(this.#exclude && this.#exclude(relativeKey));
  }
}
