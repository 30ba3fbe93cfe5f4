import type { QueryParam } from '../signing/QueryParam.js';

/** The value of the first parameter named `name` (`''` for a bare name), or undefined when there is none. */
export function queryValue(query: readonly QueryParam[], name: string): string | undefined {
  for (const [n, v] of query) if (n === name) return v ?? '';
  return undefined;
}
