/**
 * Characters a URL cannot carry as they are written (anything but printable
 * ASCII: invisible ones such as U+200B or U+FEFF included), named by code
 * point and position, or undefined when there are none. A URL carries them
 * percent-encoded; sent raw, they are not the bytes that were signed.
 */
export function rawCharacters(text: string): string | undefined {
  const found: string[] = [];
  let at = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x21 || code > 0x7e) found.push(`U+${code.toString(16).toUpperCase().padStart(4, '0')} at character ${at + 1}`);
    at += ch.length;
  }
  if (found.length === 0) return undefined;
  const listed = found.length > 5 ? `${found.slice(0, 5).join(', ')} and ${found.length - 5} more` : found.join(', ');
  return `the URL holds characters that must be percent-encoded: ${listed} (sent raw, they are not the request that was signed; the local OSS answers 400 Bad Request)`;
}
