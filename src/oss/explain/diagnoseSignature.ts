import { timingSafeEqual } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createSecretKey } from 'node:crypto';
import { parseV4Credential } from '../verify/parseAuthorization.js';
import { parseQuery } from '../signing/QueryParam.js';
import type { QueryParam } from '../signing/QueryParam.js';
import { requestSignatureV1, requestSignatureV4 } from '../signing/requestSignature.js';
import type { RequestSignature } from '../signing/requestSignature.js';
import { deriveSigningKey } from '../signing/SignatureV4.js';
import type { HeaderList } from '../signing/SignatureV4.js';
import type { PresignedUrl } from './PresignedUrl.js';
import { queryValue as first } from '../signing/QueryParam.js';
import { methodAdvice } from './ExplainCaller.js';
import type { ExplainCaller } from './ExplainCaller.js';

/** One way of reading a presigned URL as a request: what is sent with it. */
export interface Reading {
  readonly method: string;
  readonly key: string | undefined;
  /** The whole decoded query, signature parameters included. */
  readonly query: readonly QueryParam[];
  readonly headers: HeaderList;
}

export interface SignatureComparison {
  readonly expected: RequestSignature;
  /** The signature the reading carries (V1 Signature, V4 x-oss-signature). */
  readonly provided: string;
  readonly matches: boolean;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Signs readings of one URL in one bucket with one secret, as OSS would check
 * them. Derived V4 keys are kept per scope for the life of the signer; none of
 * them (nor the secret) is ever part of a result.
 */
export class ReadingSigner {
  readonly #url: PresignedUrl;
  readonly #bucket: string;
  readonly #secret: string;
  readonly #keys = new Map<string, KeyObject>();

  constructor(url: PresignedUrl, bucket: string, secret: string) {
    this.#url = url;
    this.#bucket = bucket;
    this.#secret = secret;
  }

  /** The signature OSS expects for `reading`, or undefined when its signature parameters cannot be read. */
  compare(reading: Reading): SignatureComparison | undefined {
    const request = { method: reading.method, bucket: this.#bucket, key: reading.key, headers: reading.headers };
    if (this.#url.version === 'v1') {
      const expires = first(reading.query, 'Expires');
      const provided = first(reading.query, 'Signature');
      if (!expires || !provided) return undefined;
      const expected = requestSignatureV1({ ...request, query: reading.query }, expires, this.#secret);
      return { expected, provided, matches: sameText(expected.signature, provided) };
    }
    const credential = first(reading.query, 'x-oss-credential');
    const datetime = first(reading.query, 'x-oss-date');
    const provided = first(reading.query, 'x-oss-signature');
    if (!credential || !datetime || !provided) return undefined;
    const parsed = parseV4Credential(credential);
    if ('fault' in parsed) return undefined;
    const { scope } = parsed;
    const scopeKey = `${scope.date}/${scope.region}/${scope.product}`;
    let key = this.#keys.get(scopeKey);
    if (!key) {
      key = createSecretKey(deriveSigningKey(this.#secret, scope.date, scope.region, scope.product));
      this.#keys.set(scopeKey, key);
    }
    const additional = first(reading.query, 'x-oss-additional-headers');
    const expected = requestSignatureV4(
      { ...request, query: reading.query.filter(([name]) => name !== 'x-oss-signature') },
      { datetime, scope, additionalHeaders: additional ? additional.split(';').map((h) => h.trim().toLowerCase()) : [] },
      key,
    );
    return { expected, provided, matches: sameText(expected.signature, provided) };
  }
}

/** Content types a signer commonly signs (and curl's default for a body). */
export const COMMON_CONTENT_TYPES = [
  'application/octet-stream', 'application/x-www-form-urlencoded', 'text/plain', 'text/plain;charset=utf-8', 'application/json',
  'text/csv', 'text/html', 'application/xml', 'image/jpeg', 'image/png', 'application/pdf', 'binary/octet-stream',
] as const;
export const COMMON_METHODS = ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'] as const;
/** Lifetimes signers commonly ask for, to spot an edited x-oss-expires. */
export const COMMON_EXPIRES = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 259200, 604800] as const;

/** A reading that differs from the request as given, and what it means when its signature matches. */
interface Alternative {
  readonly reading: Reading;
  readonly finding: string;
}

function withoutHeader(headers: HeaderList, lower: string): [string, string][] {
  return headers.filter(([n]) => n.toLowerCase() !== lower).map(([n, v]) => [n, v]);
}

/** Header sets to try instead of the ones given, each with what its match would mean. */
function headerVariants(given: HeaderList): { headers: HeaderList; meaning: string }[] {
  const host = given.filter(([n]) => n.toLowerCase() === 'host');
  const others = given.filter(([n]) => n.toLowerCase() !== 'host');
  const variants: { headers: HeaderList; meaning: string }[] = [];
  const none = "(curl sends Content-Type: application/x-www-form-urlencoded with --data unless told -H 'Content-Type:')";
  if (others.length > 0) {
    variants.push({ headers: host, meaning: `without the headers given: it was signed for none of ${others.map(([n]) => n).join(', ')}; send none ${none}` });
  }
  const contentType = others.find(([n]) => n.toLowerCase() === 'content-type')?.[1];
  const rest = withoutHeader(given, 'content-type');
  if (contentType !== undefined && others.length > 1) {
    variants.push({ headers: rest, meaning: `without Content-Type: it was signed without one; send none ${none}` });
  }
  for (const type of COMMON_CONTENT_TYPES) {
    if (type === contentType) continue;
    variants.push({
      headers: [...rest, ['Content-Type', type]],
      meaning: `with Content-Type: ${type}: it was signed for that type; the client must send exactly that header`,
    });
  }
  return variants;
}

/**
 * The readings of a URL worth trying when its signature does not match the
 * request as given, in the order their findings are reported: each raw `+`
 * kept as `+`, another method, other headers, the key with `+` as a space or
 * decoded twice, a parameter dropped, and (V4) a common x-oss-expires.
 * Advice is worded for `caller`.
 */
export function alternativeReadings(url: PresignedUrl, given: Reading, caller: ExplainCaller = 'command'): Alternative[] {
  const list: Alternative[] = [];
  if (url.rawPlus.length > 0) {
    list.push({
      reading: { ...given, query: parseQuery(url.rawQuery.replaceAll('+', '%2B')) },
      finding:
        `it matches once each raw '+' in ${url.rawPlus.join(', ')} is read as '+': OSS reads a raw '+' in a query as a space, ` +
        `so write it as %2B (something decoded the URL, or built it without encoding)`,
    });
  }
  const methods = [given.method, ...COMMON_METHODS.filter((m) => m !== given.method)];
  for (const method of methods.slice(1)) {
    list.push({
      reading: { ...given, method },
      finding: `the URL was signed for ${method}, not ${given.method}: send it with ${method} (${methodAdvice(caller, method)})`,
    });
  }
  const sets = headerVariants(given.headers);
  for (const method of methods) {
    for (const set of sets) {
      list.push({
        reading: { ...given, method, headers: set.headers },
        finding: `it matches a ${method}${method === given.method ? '' : ` (not ${given.method})`} ${set.meaning}`,
      });
    }
  }
  const key = given.key;
  if (key !== undefined && key.includes('+')) {
    list.push({
      reading: { ...given, key: key.replaceAll('+', ' ') },
      finding: `it matches the key with a space for each '+' in the path: in a path '+' is a plus sign; encode spaces as %20`,
    });
  }
  if (key !== undefined && /%[0-9A-Fa-f]{2}/.test(key)) {
    try {
      list.push({
        reading: { ...given, key: decodeURIComponent(key) },
        finding: `it matches the key decoded once more: the path was percent-encoded twice; encode the key once`,
      });
    } catch {
      // Not decodable twice: nothing to try.
    }
  }
  for (const parameter of url.parameters) {
    list.push({
      reading: { ...given, query: given.query.filter(([name]) => name !== parameter.name) },
      finding: `it matches without the parameter ${parameter.name}: it was added or changed after signing`,
    });
  }
  if (url.version === 'v4' && url.expiresIn !== undefined) {
    for (const seconds of COMMON_EXPIRES) {
      if (seconds === url.expiresIn) continue;
      list.push({
        reading: { ...given, query: given.query.map(([n, v]) => (n === 'x-oss-expires' ? [n, String(seconds)] : [n, v])) },
        finding: `it matches x-oss-expires=${seconds}: x-oss-expires was changed from ${seconds} to ${url.expiresIn} after signing`,
      });
    }
  }
  return list;
}

/**
 * Why a signature that does not match the request as given might still be
 * the signer's: the finding of the first alternative reading whose signature
 * matches, or undefined when none does.
 */
export function diagnoseSignature(url: PresignedUrl, signer: ReadingSigner, given: Reading, caller: ExplainCaller = 'command'): string | undefined {
  return findSignedReading(url, signer, given, caller)?.finding;
}

/** The reading a mismatched signature was made for: what the finding says, and what that reading signs. */
export interface SignedReading {
  readonly finding: string;
  readonly signed: RequestSignature;
}

/**
 * The first alternative reading whose signature matches (see
 * `diagnoseSignature`), with its canonical request and string to sign: what
 * the signer signed, to set beside what the request as given signs.
 */
export function findSignedReading(url: PresignedUrl, signer: ReadingSigner, given: Reading, caller: ExplainCaller = 'command'): SignedReading | undefined {
  for (const alternative of alternativeReadings(url, given, caller)) {
    const comparison = signer.compare(alternative.reading);
    if (comparison?.matches) return { finding: alternative.finding, signed: comparison.expected };
  }
  return undefined;
}
