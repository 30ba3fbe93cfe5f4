import type { PresignedUrl } from './PresignedUrl.js';
import { describeHeaders } from './describeHeaders.js';
import { findSignedReading, ReadingSigner } from './diagnoseSignature.js';
import type { Reading, SignatureComparison } from './diagnoseSignature.js';
import { bucketAdvice, headerAdvice } from './ExplainCaller.js';
import type { ExplainContext } from './ExplainContext.js';
import { redactToken } from './TokenSummary.js';
import { urlCheck as check } from './UrlExplanation.js';
import type { UrlCheck, UrlExplanation } from './UrlExplanation.js';

/** The part of the signature check that needs no secret: its form. */
function signatureFormProblem(url: PresignedUrl): string | undefined {
  const raw = url.signature;
  if (raw === undefined) return undefined;
  if (url.version === 'v4') {
    return /^[0-9a-f]{64}$/.test(raw) ? undefined : `x-oss-signature is not 64 lower-case hex digits (it has ${raw.length} characters): it was cut short or altered`;
  }
  const literal = url.rawPlus.includes('Signature') ? raw.replaceAll(' ', '+') : raw;
  return /^[A-Za-z0-9+/]{27}=$/.test(literal)
    ? undefined
    : `Signature is not the 28-character base64 of an HMAC-SHA1 (it has ${literal.length} characters): it was cut short or altered`;
}

function signedParts(url: PresignedUrl, reading: Reading): string {
  const headers = reading.headers.filter(([n]) => {
    const lower = n.toLowerCase();
    return lower === 'content-type' || lower === 'content-md5' || lower.startsWith('x-oss-') || url.additionalHeaders.includes(lower);
  });
  const headerText = headers.length === 0 ? 'no headers (none of Content-Type, Content-MD5, x-oss-* sent)' : `the headers ${headers.map(([n, v]) => `${n}: ${v}`).join(', ')}`;
  const parts = [`the method ${reading.method}`, `bucket ${url.bucket ?? '?'}`, `key ${url.key === undefined ? '(none)' : `'${url.key}'`}`, headerText];
  if (url.version === 'v4') {
    parts.push(`every query parameter but x-oss-signature (${url.query.filter(([n]) => n !== 'x-oss-signature').map(([n]) => n).join(', ')})`);
  } else {
    const subs = url.parameters.filter((p) => p.signed).map((p) => p.name);
    parts.push(`Expires${url.securityToken !== undefined ? ', security-token' : ''}${subs.length > 0 ? `, the sub-resources ${subs.join(', ')}` : ''}`);
  }
  return parts.join('; ');
}

export interface SignatureOutcome {
  readonly check: UrlCheck;
  readonly expected: UrlExplanation['expected'];
  readonly signed?: UrlExplanation['signed'];
  /** Whether the lookup may hand the emulator the secret. */
  readonly checkable: boolean;
}

/**
 * The signature: its form, then, with the secret of the URL's AccessKeyId,
 * recomputed for the request as given; a mismatch is diagnosed (a raw `+`,
 * another method, other headers, ...) or told what the signature covers.
 */
export function signatureCheck(ctx: ExplainContext, reading: Reading): SignatureOutcome {
  const { url, credentials, noCredentials, owner, caller } = ctx;
  const skipped = (detail: string): SignatureOutcome => ({ check: check('signature', 'skipped', detail), expected: null, checkable: false });
  const form = signatureFormProblem(url);
  const formFailure = (comparison: SignatureComparison | undefined): SignatureOutcome => ({
    check: check('signature', 'fail', `${form}; OSS answers SignatureDoesNotMatch`),
    expected: comparison ? expectedOf(comparison, url) : null,
    checkable: comparison !== undefined,
  });
  if (url.signature === undefined) return skipped('there is no signature to check');
  if (url.bucket === undefined) {
    if (form) return formFailure(undefined);
    return skipped(
      url.style === 'cname'
        ? `${url.host} is a custom domain: the URL does not say which bucket it signs, so the signature cannot be checked; ${bucketAdvice(caller)}`
        : 'the URL names no bucket, so the signature cannot be checked',
    );
  }
  if (!credentials || url.accessKeyId !== credentials.accessKeyId) {
    if (form) return formFailure(undefined);
    if (!credentials) return skipped(`the signature is not checked: ${noCredentials ?? 'no credentials'}`);
    return skipped(`the signature is not checked: it is AccessKeyId ${url.accessKeyId ?? '?'}'s, and ossduck holds the secret of ${credentials.accessKeyId} only`);
  }
  const signer = new ReadingSigner(url, url.bucket, credentials.revealSecret());
  const comparison = signer.compare(reading);
  if (!comparison) return skipped('the signature cannot be computed: its parameters are unreadable');
  if (form) return formFailure(comparison);
  if (comparison.matches) {
    return {
      check: check('signature', 'ok', `matches: signed with ${owner} secret for exactly this request (${reading.method}, ${describeHeaders(reading.headers)})`),
      expected: null,
      checkable: true,
    };
  }
  const match = findSignedReading(url, signer, reading, caller);
  const finding = match?.finding;
  const missing = url.additionalHeaders.filter((h) => !reading.headers.some(([n]) => n.toLowerCase() === h));
  const hint = missing.length > 0 ? ` x-oss-additional-headers names ${missing.join(', ')}, which the request does not send (${headerAdvice(caller)}).` : '';
  const detail = finding
    ? `the signature does not match the request as given (OSS: SignatureDoesNotMatch); ${finding}.${hint}`
    : `the signature does not match (OSS: SignatureDoesNotMatch): something it covers was changed after signing, or it was signed with another secret for ${url.accessKeyId}. ` +
      `It covers ${signedParts(url, reading)}.${hint}`;
  return {
    check: check('signature', 'fail', detail),
    expected: expectedOf(comparison, url),
    signed: match ? expectedOf({ expected: match.signed, provided: '', matches: true }, url) : null,
    checkable: true,
  };
}

function expectedOf(comparison: SignatureComparison, url: PresignedUrl): NonNullable<UrlExplanation['expected']> {
  return {
    canonicalRequest: comparison.expected.canonicalRequest === undefined ? null : redactToken(comparison.expected.canonicalRequest, url.securityToken),
    stringToSign: redactToken(comparison.expected.stringToSign, url.securityToken),
  };
}
