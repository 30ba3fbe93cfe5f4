import { describeToken, redactToken, summarizeToken } from '../../oss/explain/TokenSummary.js';
import { parseQuery } from '../../oss/signing/QueryParam.js';
import type { RequestEvidence } from '../RequestRecord.js';

/** Query parameters that carry a signature, and those that carry a security token. */
const SIGNATURE_PARAMS = new Set(['Signature', 'x-oss-signature']);
const TOKEN_PARAMS = new Set(['security-token', 'x-oss-security-token', 'SecurityToken']);
const TOKEN_HEADERS = new Set(['x-oss-security-token', 'x-acs-security-token']);
/** Headers whose values are never shown at all. */
const HIDDEN_HEADERS = new Set(['cookie', 'proxy-authorization']);

/** A request as the console shows it: signatures and security tokens shortened to a prefix. */
export interface ShownRequest {
  readonly method: string;
  readonly url: string;
  readonly query: readonly (readonly [string, string | null])[];
  readonly headers: readonly (readonly [string, string])[];
}

/** The first characters of a signature and its length (as explain-url shows a token): `3fa1b2c4… (64 characters)`. */
export function shortSignature(value: string): string {
  return `${value.slice(0, Math.min(8, Math.floor(value.length / 4)))}… (${value.length} characters)`;
}

/** An Authorization header with its signature shortened: `OSS4-HMAC-SHA256 Credential=..., Signature=3fa1b2c4… (64 characters)`. */
export function shownAuthorization(value: string): string {
  if (/Signature=/.test(value)) return value.replace(/(Signature=)([^,\s]*)/g, (_, name: string, sig: string) => `${name}${shortSignature(sig)}`);
  const v1 = /^(\s*OSS\s+[^:\s]*:)(\S*)(.*)$/s.exec(value);
  if (v1) return `${v1[1]}${shortSignature(v1[2]!)}${v1[3]!.trim() === '' ? '' : ' …'}`;
  return shortSignature(value);
}

/** The security tokens a request carries whole (query and headers), to be cut out of any text shown. */
export function tokensOf(evidence: RequestEvidence): string[] {
  const q = evidence.target.indexOf('?');
  const tokens = parseQuery(q < 0 ? '' : evidence.target.slice(q + 1))
    .filter(([name, value]) => TOKEN_PARAMS.has(name) && value)
    .map(([, value]) => value!);
  for (const [name, value] of evidence.headers) if (TOKEN_HEADERS.has(name.toLowerCase()) && value) tokens.push(value);
  return tokens;
}

/** `text` with every security token of the request replaced by its description, and each signature it holds shortened. */
export function redactRequestSecrets(text: string, tokens: readonly string[], signatures: readonly string[] = []): string {
  let out = text;
  for (const token of tokens) out = redactToken(out, token);
  for (const signature of signatures) if (signature.length >= 8) out = out.split(signature).join(shortSignature(signature));
  return out;
}

function tokenText(value: string): string {
  return value === '' ? '' : `<security token ${describeToken(summarizeToken(value))}>`;
}

/**
 * The request target and headers of `evidence` with what must not be shown
 * shortened: signatures to a prefix, security tokens to their description,
 * cookies not at all. The path stays as sent; the query is shown decoded.
 */
export function describeRequest(method: string, evidence: RequestEvidence): ShownRequest {
  const target = evidence.target;
  const q = target.indexOf('?');
  const query = parseQuery(q < 0 ? '' : target.slice(q + 1)).map(([name, value]): readonly [string, string | null] => {
    if (value === null) return [name, null];
    if (SIGNATURE_PARAMS.has(name)) return [name, shortSignature(value)];
    if (TOKEN_PARAMS.has(name)) return [name, tokenText(value)];
    return [name, value];
  });
  const headers = evidence.headers.map(([name, value]): readonly [string, string] => {
    const lower = name.toLowerCase();
    if (lower === 'authorization') return [name, shownAuthorization(value)];
    if (TOKEN_HEADERS.has(lower)) return [name, tokenText(value)];
    if (HIDDEN_HEADERS.has(lower)) return [name, '<not shown>'];
    return [name, value];
  });
  const shownQuery = query.map(([n, v]) => (v === null ? n : `${n}=${v}`)).join('&');
  return { method, url: `${q < 0 ? target : target.slice(0, q)}${shownQuery === '' ? '' : `?${shownQuery}`}`, query, headers };
}
