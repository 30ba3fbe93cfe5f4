import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/emulator/LruCache.js';

describe('LruCache', () => {
  it('never holds more than its capacity in weight, dropping the oldest unread values first', () => {
    const cache = new LruCache<string, number[]>(10, (value) => value.length);
    for (let i = 0; i < 20; i++) {
      cache.set(`k${i}`, Array.from({ length: (i % 3) + 1 }, () => i));
      expect(cache.weight).toBeLessThanOrEqual(10);
    }
    expect(cache.get('k19')).toEqual([19, 19]);
    expect(cache.get('k0')).toBeUndefined();
  });

  it('keeps a value that was read when an older one can go instead (second chance)', () => {
    const cache = new LruCache<string, string>(3);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.set('c', 'C');
    expect(cache.get('a')).toBe('A');
    cache.set('d', 'D');
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.get('d')]).toEqual(['A', undefined, 'C', 'D']);
    expect(cache.size).toBe(3);
  });

  it('replaces a value under the same key, deletes, deletes by test, and refuses one heavier than the whole', () => {
    const cache = new LruCache<string, string>(5, (value) => value.length);
    cache.set('x/1', 'aa');
    cache.set('x/1', 'bbb');
    expect(cache.weight).toBe(3);
    cache.set('y/1', 'c');
    cache.deleteWhere((key) => key.startsWith('x/'));
    expect([cache.get('x/1'), cache.get('y/1'), cache.weight]).toEqual([undefined, 'c', 1]);
    cache.delete('y/1');
    cache.set('big', 'dddddd');
    expect([cache.size, cache.weight, cache.get('big')]).toEqual([0, 0, undefined]);
  });
});
