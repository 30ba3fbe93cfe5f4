import { toCredentials } from '../Credentials.js';
import type { Credentials } from '../Credentials.js';
import type { HeaderList } from '../signing/SignatureV4.js';
import type { OssServiceError } from '../verify/OssServiceError.js';
import type { PresignedUrl } from './PresignedUrl.js';
import type { ExplainCaller } from './ExplainCaller.js';
import type { ExplainOptions } from './ExplainOptions.js';
import type { UrlCheck } from './UrlExplanation.js';

/** One URL judged for one request, as every check reads it. */
export interface ExplainContext {
  readonly url: PresignedUrl;
  readonly options: ExplainOptions;
  readonly method: string;
  /** The headers the caller gave, without Host. */
  readonly given: HeaderList;
  /** The headers sent: `given` and the URL's host as Host. */
  readonly headers: HeaderList;
  readonly nowMs: number;
  readonly credentials: Credentials | undefined;
  /** `the environment's`. */
  readonly owner: string;
  readonly caller: ExplainCaller;
  /** Why there are no credentials to verify with, when there are none. */
  readonly noCredentials: string | undefined;
}

/** A check of the URL's credentials, and what the emulator's lookup answers for them: a refusal, or undefined to go on. */
export interface KeyCheck {
  readonly check: UrlCheck;
  readonly refusal: OssServiceError | undefined;
}

/** Why a URL of another AccessKeyId than a local emulator's account cannot be verified. */
function noCredentialsFor(accessKeyId: string, owner: string, localAccount: string): string {
  return (
    `no credentials for AccessKeyId ${accessKeyId} are available (${owner} only account is ${localAccount}'s own): ` +
    "set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET to that key's pair to check the signature"
  );
}

/**
 * The request `options` describe for `url`, and the credentials to verify it
 * with: the account, or the held temporary credentials of the URL's
 * AccessKeyId. A local emulator's own account judges only its own URLs:
 * another key may well be real OSS's.
 */
export function explainContext(url: PresignedUrl, options: ExplainOptions): ExplainContext {
  const method = (options.method ?? 'GET').toUpperCase();
  const given = (options.headers ?? []).filter(([n]) => n.toLowerCase() !== 'host');
  const headers: HeaderList = [...given, ['Host', url.host]];
  const account = options.credentials === undefined ? undefined : toCredentials(options.credentials, 'credentials');
  const others = (options.otherCredentials ?? []).map((c, i) => toCredentials(c, `otherCredentials[${i}]`));
  const held = account?.accessKeyId === url.accessKeyId ? account : others.find((c) => c.accessKeyId === url.accessKeyId);
  const owner = `${options.credentialsOwner ?? 'the environment'}'s`;
  const foreign = held === undefined && account !== undefined && options.localAccount !== undefined && url.accessKeyId !== undefined;
  const credentials = held ?? (foreign ? undefined : account);
  const noCredentials = foreign ? noCredentialsFor(url.accessKeyId!, owner, options.localAccount!) : options.noCredentials;
  return { url, options, method, given, headers, nowMs: options.nowMs, credentials, owner, caller: options.caller ?? 'command', noCredentials };
}
