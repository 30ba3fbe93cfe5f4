import { percentEncode } from '../signing/percentEncode.js';
import { readTokenClaims } from '../verify/TemporaryToken.js';
import { formatInstant } from './formatDuration.js';

/** A security token as reports show it: never whole. */
export interface TokenSummary {
  /** Its first characters. */
  readonly prefix: string;
  readonly length: number;
  /** What an ossduck emulator token says about itself (unverified); null for other tokens. */
  readonly claimedAccessKeyId: string | null;
  readonly claimedExpiresAt: string | null;
}

/** The first characters and the length of a token; never the token. */
export function summarizeToken(token: string): TokenSummary {
  const claims = readTokenClaims(token);
  return {
    prefix: token.slice(0, Math.min(8, Math.floor(token.length / 4))),
    length: token.length,
    claimedAccessKeyId: claims?.accessKeyId ?? null,
    claimedExpiresAt: claims ? formatInstant(claims.expiresAtMs) : null,
  };
}

/** `CAISeyJh… (412 characters)`. */
export function describeToken(summary: TokenSummary): string {
  return `${summary.prefix}… (${summary.length} characters)`;
}

/** `text` with every occurrence of `token` (raw or percent-encoded) replaced by its description. */
export function redactToken(text: string, token: string | undefined): string {
  if (token === undefined || token === '') return text;
  const shown = `<security token ${describeToken(summarizeToken(token))}>`;
  return text.split(percentEncode(token)).join(shown).split(token).join(shown);
}
