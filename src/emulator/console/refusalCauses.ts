import { formatDuration } from '../../oss/explain/formatDuration.js';
import type { OssServiceError } from '../../oss/verify/OssServiceError.js';
import type { RequestRecord } from '../RequestRecord.js';

interface CauseContext {
  readonly record: RequestRecord;
  readonly error: OssServiceError;
  /** The emulator's own AccessKeyId. */
  readonly accountKeyId: string;
  readonly clock: { readonly aheadSeconds: number } | null;
}

function keyOf(c: CauseContext): string {
  return c.record.accessKeyId === null ? 'the AccessKeyId' : `AccessKeyId ${c.record.accessKeyId}`;
}

/**
 * The likely cause of a refusal, by OSS error code, for requests the explain
 * code cannot judge (header signatures, unsigned requests): one sentence,
 * with what to do.
 */
const CAUSES: Readonly<Record<string, (c: CauseContext) => string>> = {
  SignatureDoesNotMatch: (c) =>
    'The signature does not match what the emulator computes from the request as it arrived (the string to sign below): ' +
    `the client signed another method, path, query or header values than it sent, or signed with another secret for ${keyOf(c)}.`,
  RequestTimeTooSkewed: (c) => {
    const ahead = c.clock?.aheadSeconds ?? 0;
    return (
      `The request's date is ${formatDuration(ahead)} ${ahead > 0 ? 'ahead of' : 'behind'} the server's clock, more than the 15 minutes OSS allows: ` +
      "the client's clock is wrong, or the signed request was sent again long after it was signed."
    );
  },
  InvalidAccessKeyId: (c) =>
    c.record.sts
      ? `${keyOf(c)} came with a security token, but it is a long-term key, or the token is missing its key: send temporary credentials with their own token.`
      : `${keyOf(c)} is neither the emulator's account (${c.accountKeyId}) nor a temporary key it issued${c.record.accessKeyId?.startsWith('STS.') ? ' (a temporary key needs its security token)' : ''}: the client signs with other credentials.`,
  InvalidSecurityToken: () =>
    'The security token was not issued by this emulator, or was changed: temporary credentials work only with the STS that issued them, and restarting ossduck serve invalidates them.',
  SecurityTokenExpired: () => 'The security token has expired: get new temporary credentials (AssumeRole) and sign again.',
  AccessKeyIdAndSecurityTokenNotMatch: (c) => `The security token belongs to another temporary AccessKeyId than ${keyOf(c)}: send each key with the token issued with it.`,
  AccessDenied: (c) => {
    if (c.record.auth === 'anonymous') return 'The request carries no signature: ossduck serve serves signed requests only (as OSS does for private buckets).';
    if (/valid Date/.test(c.error.message)) return 'The request has no readable Date or x-oss-date header, which a header signature needs.';
    return `OSS refuses it: ${c.error.message}`;
  },
  InvalidArgument: (c) => `The request is malformed: ${c.error.message}`,
};

/** One sentence on why `record` was refused with `error`. */
export function refusalCause(record: RequestRecord, error: OssServiceError | undefined, context: Omit<CauseContext, 'record' | 'error'>): string {
  if (!error) return `The emulator answered ${record.status}${record.code === null ? '' : ` ${record.code}`}.`;
  const cause = CAUSES[error.code];
  return cause ? cause({ ...context, record, error }) : `${error.code}: ${error.message}`;
}
