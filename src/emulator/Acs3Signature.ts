/**
 * The ACS3-HMAC-SHA256 signature (Alibaba Cloud API signature V3) that
 * `@alicloud/sts20150401` 1.2 sends by default, through `@alicloud/openapi-core`:
 *
 *     CanonicalRequest = METHOD \n URI \n query \n headers \n signed-header names \n payload hash
 *     StringToSign     = "ACS3-HMAC-SHA256\n" + hex(sha256(CanonicalRequest))
 *     Signature        = hex(HMAC-SHA256(secret, StringToSign))
 *
 * The query is sorted by name, each `name=` + RFC 3986 value (names as they
 * are); the signed headers are the ones the Authorization header lists, each
 * `name:values` (trimmed, sorted, comma-joined).
 */
import { createHash, createHmac } from 'node:crypto';
import { percentEncode } from '../oss/signing/percentEncode.js';
import type { HeaderList } from '../oss/signing/SignatureV4.js';

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface Acs3Authorization {
  readonly accessKeyId: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** Parses `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`, or undefined. */
export function parseAcs3Authorization(value: string): Acs3Authorization | undefined {
  const text = value.trim();
  if (!text.startsWith(`${ACS3_ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of text.slice(ACS3_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || signedHeaders === undefined || !signature) return undefined;
  return { accessKeyId, signedHeaders: signedHeaders.split(';').filter((h) => h !== ''), signature };
}

export function acs3CanonicalRequest(
  method: string,
  path: string,
  query: readonly (readonly [string, string])[],
  headers: HeaderList,
  signedHeaders: readonly string[],
  payloadHash: string,
): string {
  const uri = path.replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~');
  const canonicalQuery = [...query]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([name, value]) => `${name}=${percentEncode(value)}`)
    .join('&');
  const canonicalHeaders = signedHeaders
    .map((name) => {
      const values = headers
        .filter(([n]) => n.toLowerCase() === name)
        .map(([, v]) => v.trim())
        .sort();
      return `${name}:${values.join(',')}\n`;
    })
    .join('');
  return `${method.toUpperCase()}\n${uri}\n${canonicalQuery}\n${canonicalHeaders}\n${signedHeaders.join(';')}\n${payloadHash}`;
}

export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')}`;
}

export function acs3Signature(secret: string, stringToSign: string): string {
  return createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');
}
