import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_NAME, SELF_NAME, escapeSegment, keyToPath, pathToKey, unescapeName } from '../../src/emulator/keyToPath.js';

const PIECES = ['.', '..', '', '%', '%2E', '%2E%2E', '%25', '%5C', '%5c', '%00', '%1F', '%20', '%+', '%self', '%empty',
  '\\', '\u0001', '\u001f', '\u007f', '\t', '\n', '+', ' ', '中文', '😀', 'a', 'x'.repeat(300), 'é'.repeat(130), '😀'.repeat(70)];

/** Keys built from the awkward pieces above, joined by slashes or not. */
const awkwardKey = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 }), fc.constant('/')), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(''))
  .filter((key) => key !== '' && Buffer.byteLength(key) <= 1023 && !/[\uD800-\uDFFF]/.test(key.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')));

describe('keyToPath', () => {
  it('keeps plain keys readable, one file per segment', () => {
    expect(keyToPath('object_table_folder/signedget.txt')).toEqual(['object_table_folder', 'signedget.txt']);
    expect(keyToPath('a b/c+d (1).csv')).toEqual(['a b', 'c+d (1).csv']);
    expect(keyToPath('中文/😀.png')).toEqual(['中文', '😀.png']);
    expect(keyToPath('50%.txt')).toEqual(['50%.txt']);
    expect(keyToPath('report%20final.csv')).toEqual(['report%20final.csv']);
  });

  it('escapes names that could climb out of the bucket folder', () => {
    expect(keyToPath('../../../../etc/hostname')).toEqual(['%2E%2E', '%2E%2E', '%2E%2E', '%2E%2E', 'etc', 'hostname']);
    expect(keyToPath('a/../../b')).toEqual(['a', '%2E%2E', '%2E%2E', 'b']);
    expect(keyToPath('./x')).toEqual(['%2E', 'x']);
    expect(keyToPath('\\..\\x')).toEqual(['%5C..%5Cx']);
    expect(keyToPath('/lead')).toEqual([EMPTY_NAME, 'lead']);
    expect(keyToPath('dir/')).toEqual(['dir', EMPTY_NAME]);
    expect(keyToPath('a\u0001b\nc')).toEqual(['a%01b%0Ac']);
  });

  it('keeps a literal %2e%2e (lower case) as it is, and escapes the upper-case look-alike', () => {
    expect(keyToPath('%2e%2e/x')).toEqual(['%2e%2e', 'x']);
    expect(keyToPath('%2E%2E/x')).toEqual(['%252E%252E', 'x']);
    expect(pathToKey(['%252E%252E', 'x'])).toBe('%2E%2E/x');
  });

  it('escapes names the codec reserves', () => {
    expect(escapeSegment(SELF_NAME)).toBe('%25self');
    expect(escapeSegment(EMPTY_NAME)).toBe('%25empty');
    expect(escapeSegment('%+x')).toBe('%25+x');
    expect(escapeSegment('%25')).toBe('%2525');
    expect(unescapeName('%2525')).toBe('%25');
  });

  it('cuts a segment longer than a file name into pieces', () => {
    const long = 'x'.repeat(600);
    const names = keyToPath(`d/${long}`);
    expect(names[0]).toBe('d');
    expect(names.length).toBe(4);
    expect(names.slice(2).every((n) => n.startsWith('%+'))).toBe(true);
    expect(names.every((n) => Buffer.byteLength(n) <= 255)).toBe(true);
    expect(pathToKey(names)).toBe(`d/${long}`);
  });

  it('reads the object of a folder key from %self', () => {
    expect(pathToKey(['a', SELF_NAME])).toBe('a');
    expect(pathToKey(['a', EMPTY_NAME, SELF_NAME])).toBe('a/');
  });

  it('refuses paths it would not have written', () => {
    expect(pathToKey(['a\\b'])).toBeUndefined();
    expect(pathToKey(['%+x'])).toBeUndefined();
    expect(pathToKey(['x'.repeat(256)])).toBeUndefined();
    expect(pathToKey([])).toBeUndefined();
  });

  it('maps every key to safe names and back (property)', () => {
    fc.assert(
      fc.property(awkwardKey, (key) => {
        const names = keyToPath(key);
        for (const name of names) {
          expect(name).not.toBe('');
          expect(name).not.toBe('.');
          expect(name).not.toBe('..');
          expect(name).not.toMatch(/[/\\\u0000-\u001f\u007f]/);
          expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
        }
        expect(pathToKey(names)).toBe(key);
        expect(pathToKey([...names, SELF_NAME])).toBe(key);
      }),
      { numRuns: 3000 },
    );
  });

  it('never maps two keys to one path (property)', () => {
    fc.assert(
      fc.property(awkwardKey, awkwardKey, (a, b) => {
        if (a !== b) expect(keyToPath(a).join('/')).not.toBe(keyToPath(b).join('/'));
      }),
      { numRuns: 3000 },
    );
  });
});
