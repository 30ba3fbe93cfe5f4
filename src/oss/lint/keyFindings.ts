export type Severity = 'error' | 'warn' | 'info';

/** One thing the key linter reports, as data: docs/lint-keys.md's table and the tests loop over it. */
export interface KeyFindingSpec {
  readonly code: string;
  readonly severity: Severity;
  /** The message, with `{name}` for the parts that come from the key. */
  readonly template: string;
  /**
   * A key that shows the finding: `lintKey(example)` (or `lintKeyBytes` of
   * `exampleBytes`, hex) reports it (test/oss/lint/lintKey.test.ts loops over
   * this table).
   */
  readonly example: string;
  readonly exampleBytes?: string;
}

/**
 * Every finding of the key linter, errors first. Sources: OSS's object naming
 * rules (UTF-8, 1 to 1023 bytes, no leading `/` or `\`: InvalidObjectName,
 * EC 0016-00000001 to 0016-00000005); the SDKs' own checks (ali-oss 6.x
 * `signatureUrl`, which strips leading slashes and refuses a name starting
 * with `?`; the Java SDK's `validateObjectKeyEx(key, strict)`, which refuses
 * a leading `\` and, strictly, `?`; the Go v2 SDK, which only refuses an
 * empty name); RFC 3986 5.2.4 and the WHATWG URL parser for dot segments.
 */
export const KEY_FINDINGS: readonly KeyFindingSpec[] = [
  {
    code: 'empty',
    severity: 'error',
    template: 'the key is empty: OSS object names are 1 to 1023 bytes of UTF-8',
    example: '',
  },
  {
    code: 'too-long',
    severity: 'error',
    template: 'the key is {bytes} bytes in UTF-8: OSS object names are 1 to 1023 bytes (a longer one gets 400 InvalidObjectName)',
    example: `${'a'.repeat(1020)}.txt`,
  },
  {
    code: 'leading-slash',
    severity: 'error',
    template:
      "the key starts with '/': OSS refuses names that start with / or \\ (400 InvalidObjectName), and ali-oss strips leading slashes, so it would sign {stripped}, another object",
    example: '/docs/a.pdf',
  },
  {
    code: 'leading-backslash',
    severity: 'error',
    template: "the key starts with '\\': OSS refuses names that start with / or \\ (400 InvalidObjectName)",
    example: '\\docs\\a.pdf',
  },
  {
    code: 'invalid-utf8',
    severity: 'error',
    template: 'not valid UTF-8: {what}; OSS object names must be UTF-8 (400 InvalidObjectName), so no URL can be signed for it',
    example: 'docs/\ud800.txt',
    exampleBytes: '646f63732fff2e747874',
  },
  {
    code: 'refused-character',
    severity: 'error',
    template:
      "the key starts with '?': the SDKs refuse it (ali-oss signatureUrl throws \"Invalid object name\", the Java SDK's strict key check fails), as a path that starts with '?' reads as a query string",
    example: '?list.txt',
  },
  {
    code: 'dot-segment',
    severity: 'warn',
    template:
      "{segments}: browsers, fetch and curl remove dot segments from a URL's path (RFC 3986 5.2.4), so the URL for {path} requests {rewritten}, and OSS answers SignatureDoesNotMatch; only curl --path-as-is sends it as signed",
    example: 'docs/../a.pdf',
  },
  {
    code: 'double-slash',
    severity: 'warn',
    template:
      "'//' at character {index}: browsers, fetch and curl send it as signed, but path cleaners collapse it (nginx merge_slashes, on by default, when the URL goes through an nginx proxy; Go's path.Clean; Python's posixpath.normpath) and the request then names {collapsed}, which OSS answers with SignatureDoesNotMatch",
    example: 'docs//a.pdf',
  },
  {
    code: 'leading-space',
    severity: 'warn',
    template: 'the key starts with {what}: invisible where keys are shown, and a tool that trims its input (form fields, shell read, CSV readers) names {trimmed}, another object',
    example: ' a.pdf',
  },
  {
    code: 'trailing-space',
    severity: 'warn',
    template: 'the key ends with {what}: invisible where keys are shown, and a tool that trims its input (form fields, shell read, CSV readers) names {trimmed}, another object',
    example: 'a.pdf ',
  },
  {
    code: 'invisible-character',
    severity: 'warn',
    template: 'invisible characters: {list}; the key looks like {visible} but is another object',
    example: '\ufeffa.pdf',
  },
  {
    code: 'not-nfc',
    severity: 'warn',
    template: 'not in Unicode NFC ({from} where NFC has {to}): it looks identical to the key {nfc} but is a different object',
    example: 'cafe\u0301.pdf',
  },
  {
    code: 'plus-sign',
    severity: 'warn',
    template:
      "'+' at character {index}: the URL sends it as %2B, but a form decoder (application/x-www-form-urlencoded: PHP urldecode, Java URLDecoder, Python unquote_plus) reads '+' as a space and names {spaced}",
    example: 'a+b.pdf',
  },
  {
    code: 'percent-sequence',
    severity: 'warn',
    template:
      "{sequence} looks percent-encoded: the URL sends the key's literal '%' as %25 ({encoded}), but a client that decodes the key first, or expects it encoded, names {decoded} instead",
    example: 'a%20b.pdf',
  },
  {
    code: 'control-character',
    severity: 'warn',
    template: 'control characters: {list}; they are sent percent-encoded, but terminals and logs mangle them, and ListObjects can return them only with encoding-type=url (XML 1.0 cannot hold them)',
    example: 'a\tb.pdf',
  },
  {
    code: 'needs-encoding',
    severity: 'info',
    template: 'the URL path is {encoded}, not the key as typed: {list}',
    example: 'a b.pdf',
  },
];

const BY_CODE = new Map(KEY_FINDINGS.map((spec) => [spec.code, spec] as const));

/** The spec of `code`; throws for a code the table does not have (a bug, not a user mistake). */
export function findingSpec(code: string): KeyFindingSpec {
  const spec = BY_CODE.get(code);
  if (!spec) throw new Error(`no key finding ${code}`);
  return spec;
}

/** `template` with each `{name}` replaced by `values[name]`. */
export function renderTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([a-z]+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
