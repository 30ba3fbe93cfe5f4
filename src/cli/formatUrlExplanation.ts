import type { CheckStatus, UrlExplanation, UrlSummary } from '../oss/explain/explainPresignedUrl.js';
import { describeToken } from '../oss/explain/TokenSummary.js';
import { formatDuration } from '../oss/explain/formatDuration.js';
import type { ParameterKind } from '../oss/explain/PresignedUrl.js';

const STATUS: Readonly<Record<CheckStatus, string>> = { ok: 'ok', warn: 'warn', fail: 'FAIL', skipped: 'skip' };
const KIND: Readonly<Record<ParameterKind, string>> = {
  'version-id': 'object version',
  'response-override': 'response header override',
  process: 'image/document processing',
  'traffic-limit': 'traffic limit, bit/s',
  'sub-resource': 'sub-resource',
  other: 'unknown to ossduck',
};
const STYLE: Readonly<Record<UrlSummary['style'], string>> = {
  virtual: 'virtual-hosted: the bucket in the host',
  path: 'path style: the bucket in the path',
  cname: 'a custom domain: the bucket is not in the URL',
};

/** A value on one line: control characters and surrounding spaces made visible. */
function shown(text: string): string {
  return /[\u0000-\u001f\u007f]|^\s|\s$/.test(text) ? JSON.stringify(text) : text;
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(16)}${value}`;
}

function indent(block: string): string {
  return block
    .split('\n')
    .map((line) => (line === '' ? '' : `    ${line}`))
    .join('\n');
}

function expiryLine(url: UrlSummary): string {
  if (url.expiresAt === null) return 'unreadable';
  const span = url.expiresInSeconds === null ? '' : `x-oss-expires ${url.expiresInSeconds} s; `;
  const left = url.secondsLeft === null ? '' : url.secondsLeft >= 0 ? `${formatDuration(url.secondsLeft)} left` : `expired ${formatDuration(url.secondsLeft)} ago`;
  return `${url.expiresAt} (${span}${left})`;
}

/**
 * The readable report of `ossduck explain-url`: what the URL says, each
 * check, the verdict with OSS's answer, and on a signature mismatch the
 * canonical request and string to sign ossduck expects.
 */
export function formatUrlExplanation(e: UrlExplanation): string {
  const { url } = e;
  const headers = e.request.headers.length === 0 ? 'no headers' : e.request.headers.map(([n, v]) => `${n}: ${v}`).join(', ');
  const lines = [
    `Presigned OSS URL, signature ${url.version === 'v4' ? 'V4 (OSS4-HMAC-SHA256)' : 'V1 (HMAC-SHA1)'}, judged at ${e.at} for ${e.request.method} with ${headers}`,
    '',
    row('host', `${url.scheme}://${url.host} (${STYLE[url.style]})`),
    row('bucket', url.bucket === null ? 'unknown (give --bucket)' : `${url.bucket}${url.bucketFrom === 'option' ? ' (from --bucket)' : ''}`),
    row('key', url.key === null ? '(none: the URL is for the bucket)' : shown(url.key)),
    row(
      'region',
      url.region === null ? 'unknown (the host names none)' : `${url.region}, product ${url.product ?? '?'} (from ${url.regionFrom === 'host' ? 'the host' : 'x-oss-credential'})`,
    ),
    row('AccessKeyId', url.accessKeyId ?? 'missing'),
  ];
  if (url.version === 'v4') lines.push(row('signed at', url.signedAt ?? 'unreadable'));
  lines.push(row('expires', expiryLine(url)));
  const token = url.securityToken;
  lines.push(
    row(
      'security token',
      token === null
        ? 'none'
        : `${describeToken(token)}${token.claimedAccessKeyId === null ? '' : `; says it is ${token.claimedAccessKeyId}'s until ${token.claimedExpiresAt}`}`,
    ),
  );
  lines.push(
    row(
      'signed headers',
      `Content-Type, Content-MD5 and every x-oss-* header, as the client sends them${
        url.additionalHeaders.length > 0 ? `; also ${url.additionalHeaders.join(', ')} (x-oss-additional-headers)` : ''
      }`,
    ),
  );
  if (url.parameters.length === 0) lines.push(row('parameters', 'none besides the signature'));
  url.parameters.forEach((p, i) => {
    const text = `${p.value === null ? p.name : `${p.name}=${shown(p.value)}`} (${KIND[p.kind]}, ${p.signed ? 'signed' : 'not signed'})`;
    lines.push(row(i === 0 ? 'parameters' : '', text));
  });
  lines.push('', 'Checks');
  for (const c of e.checks) lines.push(`  ${STATUS[c.status].padEnd(6)}${c.name.padEnd(16)}${c.detail}`);
  lines.push('', `${e.verdict.toUpperCase()}: ${e.reason}`);
  if (e.oss) lines.push(`OSS answers ${e.oss.status} ${e.oss.code}: ${e.oss.message}`);
  if (e.expected) {
    if (e.expected.canonicalRequest !== null) lines.push('', 'Canonical request ossduck expects:', indent(e.expected.canonicalRequest));
    lines.push('', 'String to sign ossduck expects:', indent(e.expected.stringToSign));
  }
  if (e.signed) {
    if (e.signed.canonicalRequest !== null) lines.push('', 'Canonical request the URL was signed for:', indent(e.signed.canonicalRequest));
    lines.push('', 'String to sign the URL was signed for:', indent(e.signed.stringToSign));
  }
  return `${lines.join('\n')}\n`;
}
