import { readFileSync } from 'node:fs';
import OSS from 'ali-oss';
import { describe, expect, it } from 'vitest';
import { KEY_FINDINGS } from '../../../src/oss/lint/keyFindings.js';
import { lintKey, lintKeyBytes, quoteKey } from '../../../src/oss/lint/lintKey.js';
import type { KeyFinding } from '../../../src/oss/lint/lintKey.js';

interface Vector {
  readonly note: string;
  readonly key?: string;
  readonly bytes?: string;
  readonly findings: readonly KeyFinding[];
}

const VECTORS = JSON.parse(readFileSync(new URL('../../fixtures/lint-key-vectors.json', import.meta.url), 'utf8')) as Vector[];

function lint(v: { key?: string; bytes?: string }): KeyFinding[] {
  return v.bytes === undefined ? lintKey(v.key!) : lintKeyBytes(Buffer.from(v.bytes, 'hex'));
}

/** A template as a pattern: each `{name}` stands for any text. */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\{[a-z]+\}/);
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`, 's');
}

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('KEY_FINDINGS', () => {
  for (const spec of KEY_FINDINGS) {
    it(`${spec.code}: its example shows it, with the message its template gives`, () => {
      for (const example of [{ key: spec.example }, ...(spec.exampleBytes ? [{ bytes: spec.exampleBytes }] : [])]) {
        const found = lint(example).find((f) => f.code === spec.code);
        expect(found, `${JSON.stringify(example)} should show ${spec.code}`).toBeDefined();
        expect(found!.severity).toBe(spec.severity);
        expect(found!.message).toMatch(templatePattern(spec.template));
      }
    });
  }

  it('has each code once, errors first, then warnings, then information', () => {
    const codes = KEY_FINDINGS.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    const rank = { error: 0, warn: 1, info: 2 };
    const ranks = KEY_FINDINGS.map((s) => rank[s.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe('lintKey', () => {
  for (const v of VECTORS) {
    it(v.note, () => {
      expect(lint(v)).toEqual(v.findings);
    });
  }

  it('reports findings in the order of the table', () => {
    const order = KEY_FINDINGS.map((s) => s.code);
    for (const v of VECTORS) {
      const codes = lint(v).map((f) => order.indexOf(f.code));
      expect(codes).toEqual([...codes].sort((a, b) => a - b));
    }
  });

  it('finds nothing in keys made only of unreserved characters and single slashes', () => {
    const next = random(17);
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_~';
    for (let i = 0; i < 500; i++) {
      const segments = Array.from({ length: 1 + Math.floor(next() * 4) }, () =>
        Array.from({ length: 1 + Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
      );
      expect(lintKey(segments.join('/'))).toEqual([]);
    }
  });
});

describe('lintKeyBytes', () => {
  it('calls a byte string invalid UTF-8 exactly when a strict decoder refuses it', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const next = random(1618);
    // Bytes weighted towards the lead and continuation bytes where UTF-8 goes wrong.
    const pool = [0x61, 0x2f, 0x7f, 0x80, 0x8f, 0x90, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
    for (let i = 0; i < 4000; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(next() * 6) }, () => pool[Math.floor(next() * pool.length)]!);
      let valid = true;
      try {
        strict.decode(bytes);
      } catch {
        valid = false;
      }
      const invalid = lintKeyBytes(bytes).some((f) => f.code === 'invalid-utf8');
      expect(invalid, Buffer.from(bytes).toString('hex')).toBe(!valid);
    }
  });

  it('gives the findings of the text for bytes that are UTF-8, a leading byte-order mark included', () => {
    for (const key of ['a b.txt', '\ufeffa.txt', 'docs/../x', 'caf\u0065\u0301']) {
      expect(lintKeyBytes(Buffer.from(key, 'utf8'))).toEqual(lintKey(key));
    }
  });

  it('counts a key that is not UTF-8 as too long by its bytes', () => {
    const bytes = Buffer.concat([Buffer.alloc(1023, 0x61), Buffer.from([0xff])]);
    const codes = lintKeyBytes(bytes).map((f) => f.code);
    expect(codes).toEqual(['too-long', 'invalid-utf8']);
    expect(lintKeyBytes(bytes)[0]!.message).toContain('1024 bytes');
  });
});

describe('quoteKey', () => {
  it('writes the characters one cannot see as \\u{...}, and keeps the rest', () => {
    expect(quoteKey('a\tb\u200b\u00a0c d\ud800é')).toBe("'a\\u{0009}b\\u{200B}\\u{00A0}c d\\u{D800}é'");
  });
});

describe('the SDK behaviour the findings describe (ali-oss as the reference)', () => {
  const client = new OSS({ region: 'oss-cn-hangzhou', accessKeyId: 'LTAI5tLintExample', accessKeySecret: 'LintExampleSecret', bucket: 'examplebucket', secure: true } as OSS.Options);

  it("refuses to sign a key that starts with '?' (refused-character)", () => {
    expect(() => client.signatureUrl('?list.txt')).toThrow(/Invalid object name/);
    expect(lintKey('?list.txt').map((f) => f.code)).toContain('refused-character');
  });

  it('signs another object for a key with leading slashes: the one the leading-slash message names', () => {
    for (const key of ['/docs/a.pdf', '//double/lead']) {
      const message = lintKey(key).find((f) => f.code === 'leading-slash')!.message;
      const named = /so it would sign '([^']*)'/.exec(message)![1]!;
      expect(new URL(client.signatureUrl(key)).pathname).toBe(new URL(client.signatureUrl(named)).pathname);
      expect(new URL(client.signatureUrl(key)).pathname).toBe(`/${named}`);
    }
  });
});
