import type { HeaderList } from '../signing/SignatureV4.js';

/** `Content-Type: text/plain, x-oss-meta-a: 1` (Host left out), or `no headers`. */
export function describeHeaders(headers: HeaderList): string {
  const shown = headers.filter(([n]) => n.toLowerCase() !== 'host');
  return shown.length === 0 ? 'no headers' : shown.map(([n, v]) => `${n}: ${v}`).join(', ');
}
