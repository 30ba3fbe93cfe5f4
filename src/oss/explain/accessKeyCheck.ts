import { OssServiceError } from '../verify/OssServiceError.js';
import type { ExplainContext, KeyCheck } from './ExplainContext.js';
import { urlCheck as check } from './UrlExplanation.js';

/**
 * The URL's AccessKeyId against the credentials held: theirs, a temporary
 * key that only its own secret and token can check, or a key the account
 * does not have (OSS: InvalidAccessKeyId).
 */
export function accessKeyCheck({ url, credentials, noCredentials, owner }: ExplainContext): KeyCheck {
  const id = url.accessKeyId;
  const pass = (status: 'ok' | 'skipped', detail: string): KeyCheck => ({ check: check('access-key', status, detail), refusal: undefined });
  if (id === undefined) return pass('skipped', 'the URL names no AccessKeyId');
  if (!credentials) return pass('skipped', `signed by AccessKeyId ${id}; ${noCredentials ?? 'no credentials to compare with'}`);
  if (credentials.accessKeyId === id) return pass('ok', `AccessKeyId ${id} is ${owner}`);
  if (url.securityToken !== undefined) {
    return pass(
      'skipped',
      `signed by temporary AccessKeyId ${id} (with a security token), ${owner} is ${credentials.accessKeyId}: ` +
        'the signature can be checked only with that temporary key, its secret and token in OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET and OSS_SESSION_TOKEN',
    );
  }
  return {
    check: check(
      'access-key',
      'fail',
      `signed by AccessKeyId ${id}, but ${owner} is ${credentials.accessKeyId}: OSS refuses a key the account does not have (InvalidAccessKeyId); ` +
        "if it is another key of the same account, give ossduck that key's pair (OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET) to check the signature",
    ),
    refusal: OssServiceError.invalidAccessKeyId(id),
  };
}
