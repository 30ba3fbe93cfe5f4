import type { HeaderList } from './SignatureV4.js';

/** The value of the first header named `name` (lower case), in any case, or undefined when there is none. */
export function headerValue(headers: HeaderList, name: string): string | undefined {
  for (const [n, v] of headers) if (n.toLowerCase() === name) return v;
  return undefined;
}
