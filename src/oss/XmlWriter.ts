/**
 * XML as OSS writes it: the UTF-8 prolog, one element per line, two spaces of
 * indentation per level, empty elements as `<Prefix></Prefix>`.
 */

/** Characters XML 1.0 cannot carry literally, plus CR (which parsers would turn into LF). */
// eslint-disable-next-line no-control-regex
const NEEDS_REFERENCE = /[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Any character escapeXml would change: a quick test lets most text through untouched. */
// eslint-disable-next-line no-control-regex
const MAY_NEED_ESCAPING = /[&<>\u0000-\u0008\u000b-\u001f\ud800-\udfff\ufffe\uffff]/;

/**
 * Escapes text for element content: `&`, `<` and `>` (quotes stay, as in
 * OSS's `<ETag>"5B3C..."</ETag>`). Characters XML 1.0 does not allow (the
 * control characters a key may hold) become numeric character references, as
 * lenient parsers read them back; clients that need exact keys should list
 * with `encoding-type=url`.
 */
export function escapeXml(text: string): string {
  if (!MAY_NEED_ESCAPING.test(text)) return text;
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(NEEDS_REFERENCE, (c) => `&#x${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()};`);
}

export class XmlWriter {
  #out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  #depth = 0;

  open(name: string): this {
    this.#line(`<${name}>`);
    this.#depth++;
    return this;
  }

  close(name: string): this {
    this.#depth--;
    this.#line(`</${name}>`);
    return this;
  }

  element(name: string, value: string | number | boolean): this {
    this.#line(`<${name}>${escapeXml(String(value))}</${name}>`);
    return this;
  }

  toString(): string {
    return this.#out;
  }

  #line(text: string): void {
    this.#out += `${'  '.repeat(this.#depth)}${text}\n`;
  }
}
