import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../src/oss/XmlWriter.js';

/** escapeXml without its quick test: every replacement applied to every text. */
function escapeEverything(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `&#x${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()};`);
}

const CHARACTERS = ['a', 'Z', ' ', '\t', '\n', '\r', '\u0000', '\u0001', '\u001f', '\u007f', '&', '<', '>', '"', "'", 'é', '中', '\ud800', '\udc00', '😀', '\ufffe', '\uffff', '\ufeff'];

describe('escapeXml', () => {
  it('escapes exactly as applying every replacement would, for any mix of plain, markup, control and surrogate characters (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CHARACTERS), { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        expect(escapeXml(text)).toBe(escapeEverything(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('returns text that needs nothing as it is', () => {
    const key = 'listing/part-00/o000001.txt';
    expect(escapeXml(key)).toBe(key);
    expect(escapeXml('a & b <c> 😀')).toBe('a &amp; b &lt;c&gt; 😀');
  });
});
