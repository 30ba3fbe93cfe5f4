import type { QueryParam } from '../signing/QueryParam.js';
import { ALGORITHM_V4 } from '../signing/SignatureV4.js';
import { parseV4Credential } from '../verify/parseAuthorization.js';
import { parseIsoBasicDate } from '../verify/parseHttpDate.js';
import { abbreviate as shorten } from './abbreviate.js';
import type { PresignedUrl } from './PresignedUrl.js';
import { queryValue as first } from '../signing/QueryParam.js';

/** What a URL's signature parameters say: who signed, when, until when, with what. */
export type SignatureFields = Pick<
  PresignedUrl,
  'version' | 'scope' | 'accessKeyId' | 'datetime' | 'signedAt' | 'expiresAt' | 'expiresText' | 'expiresIn' | 'signature' | 'securityToken' | 'additionalHeaders'
>;

function v1Fields(query: readonly QueryParam[], faults: string[]): SignatureFields {
  const accessKeyId = first(query, 'OSSAccessKeyId');
  const expiresText = first(query, 'Expires');
  const signature = first(query, 'Signature');
  if (!accessKeyId) faults.push('OSSAccessKeyId is missing or empty');
  if (!signature) faults.push('Signature is missing or empty');
  let expiresAt: number | undefined;
  if (!expiresText) faults.push('Expires is missing or empty');
  else if (!/^\d{1,15}$/.test(expiresText)) faults.push(`Expires '${shorten(expiresText)}' is not a number of seconds since 1970`);
  else expiresAt = Number(expiresText) * 1000;
  return {
    version: 'v1',
    scope: undefined,
    accessKeyId: accessKeyId || undefined,
    datetime: undefined,
    signedAt: undefined,
    expiresAt,
    expiresText,
    expiresIn: undefined,
    signature: signature || undefined,
    securityToken: first(query, 'security-token') || undefined,
    additionalHeaders: [],
  };
}

/** x-oss-credential's AccessKeyId and scope. */
function v4Credential(query: readonly QueryParam[], faults: string[]): Pick<PresignedUrl, 'accessKeyId' | 'scope'> {
  const credential = first(query, 'x-oss-credential');
  if (!credential) {
    faults.push('x-oss-credential is missing or empty');
    return { accessKeyId: undefined, scope: undefined };
  }
  const parsed = parseV4Credential(credential);
  if ('fault' in parsed) {
    faults.push(`x-oss-credential is malformed: ${parsed.fault}`);
    return { accessKeyId: undefined, scope: undefined };
  }
  return { accessKeyId: parsed.accessKeyId, scope: parsed.scope };
}

function v4Fields(query: readonly QueryParam[], faults: string[]): SignatureFields {
  const algorithm = first(query, 'x-oss-signature-version');
  if (algorithm === undefined) faults.push('x-oss-signature-version is missing');
  else if (algorithm === 'OSS2') faults.push('x-oss-signature-version OSS2 is signature V2, which OSS no longer recommends and ossduck does not check');
  else if (algorithm !== ALGORITHM_V4) faults.push(`x-oss-signature-version is '${shorten(algorithm)}', not ${ALGORITHM_V4}`);
  const { accessKeyId, scope } = v4Credential(query, faults);
  const datetime = first(query, 'x-oss-date');
  const signedAt = datetime === undefined ? undefined : parseIsoBasicDate(datetime);
  if (!datetime) faults.push('x-oss-date is missing or empty');
  else if (signedAt === undefined) faults.push(`x-oss-date '${shorten(datetime)}' is not an ISO 8601 basic UTC time like 20261123T120000Z`);
  else if (scope && datetime.slice(0, 8) !== scope.date) faults.push(`the date in x-oss-credential (${scope.date}) is not the date of x-oss-date (${datetime})`);
  const expiresText = first(query, 'x-oss-expires');
  let expiresIn: number | undefined;
  if (!expiresText) faults.push('x-oss-expires is missing or empty');
  else if (!/^\d{1,7}$/.test(expiresText)) faults.push(`x-oss-expires '${shorten(expiresText)}' is not a whole number of seconds`);
  else expiresIn = Number(expiresText);
  const signature = first(query, 'x-oss-signature');
  if (!signature) faults.push('x-oss-signature is missing or empty');
  const additional = first(query, 'x-oss-additional-headers');
  return {
    version: 'v4',
    scope,
    accessKeyId,
    datetime,
    signedAt,
    expiresAt: signedAt !== undefined && expiresIn !== undefined ? signedAt + expiresIn * 1000 : undefined,
    expiresText,
    expiresIn,
    signature: signature || undefined,
    securityToken: first(query, 'x-oss-security-token') || undefined,
    additionalHeaders: additional ? additional.split(';').map((h) => h.trim().toLowerCase()).filter((h) => h !== '') : [],
  };
}

/**
 * Reads the signature parameters of `version` from `query`, checking their
 * presence and form: each problem is pushed onto `faults`, one sentence each.
 */
export function signatureFields(version: 'v1' | 'v4', query: readonly QueryParam[], faults: string[]): SignatureFields {
  return version === 'v4' ? v4Fields(query, faults) : v1Fields(query, faults);
}
