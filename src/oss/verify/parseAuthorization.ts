import { ALGORITHM_V4, V4_REQUEST } from '../signing/SignatureV4.js';

/** The parts of an OSS `Authorization` header. */
export type ParsedAuthorization =
  | { readonly version: 'v1'; readonly accessKeyId: string; readonly signature: string }
  | {
      readonly version: 'v4';
      readonly accessKeyId: string;
      readonly scope: V4Scope;
      readonly additionalHeaders: readonly string[];
      readonly signature: string;
    };

/** `<yyyymmdd>/<region>/<product>/aliyun_v4_request` of a V4 credential. */
export interface V4Scope {
  readonly date: string;
  readonly region: string;
  readonly product: string;
}

/** What is wrong with an Authorization header, in words for the error message. */
export interface AuthorizationFault {
  readonly fault: string;
}

/**
 * Splits `<AccessKeyId>/<date>/<region>/<product>/aliyun_v4_request`. The
 * product is `oss` or (CloudBox) `oss-cloudbox`.
 */
export function parseV4Credential(credential: string): { accessKeyId: string; scope: V4Scope } | AuthorizationFault {
  const parts = credential.split('/');
  if (parts.length < 5) return { fault: `credential "${credential}" is not <AccessKeyId>/<date>/<region>/oss/${V4_REQUEST}` };
  const [date = '', region = '', product = '', terminator = ''] = parts.slice(-4);
  const accessKeyId = parts.slice(0, -4).join('/');
  if (accessKeyId === '') return { fault: 'the credential has no AccessKeyId' };
  if (!/^\d{8}$/.test(date)) return { fault: `the credential date "${date}" is not yyyymmdd` };
  if (region === '') return { fault: 'the credential has no region' };
  if (product !== 'oss' && product !== 'oss-cloudbox') return { fault: `the credential product "${product}" is not oss` };
  if (terminator !== V4_REQUEST) return { fault: `the credential does not end in ${V4_REQUEST}` };
  return { accessKeyId, scope: { date, region, product } };
}

/**
 * Parses `OSS <id>:<signature>` (V1) or `OSS4-HMAC-SHA256 Credential=...,
 * AdditionalHeaders=...,Signature=...` (V4; commas with or without spaces, as
 * the SDKs and the OSS docs write them).
 */
export function parseAuthorization(value: string): ParsedAuthorization | AuthorizationFault {
  const text = value.trim();
  if (text.startsWith('OSS ')) {
    const body = text.slice(4).trim();
    const colon = body.lastIndexOf(':');
    if (colon <= 0 || colon === body.length - 1) return { fault: 'expected "OSS <AccessKeyId>:<Signature>"' };
    return { version: 'v1', accessKeyId: body.slice(0, colon), signature: body.slice(colon + 1) };
  }
  if (!text.startsWith(`${ALGORITHM_V4} `)) return { fault: `the scheme must be "OSS" or "${ALGORITHM_V4}"` };
  const fields = new Map<string, string>();
  for (const part of text.slice(ALGORITHM_V4.length + 1).split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq <= 0) return { fault: `"${item}" is not name=value` };
    const name = item.slice(0, eq).trim();
    if (fields.has(name)) return { fault: `${name} is given twice` };
    fields.set(name, item.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signature = fields.get('Signature');
  const additional = fields.get('AdditionalHeaders');
  if (credential === undefined || credential === '') return { fault: 'Credential is missing' };
  if (signature === undefined || signature === '') return { fault: 'Signature is missing' };
  if (additional !== undefined && additional === '') return { fault: 'AdditionalHeaders is empty' };
  for (const name of fields.keys()) {
    if (name !== 'Credential' && name !== 'Signature' && name !== 'AdditionalHeaders') return { fault: `unknown field ${name}` };
  }
  const parsed = parseV4Credential(credential);
  if ('fault' in parsed) return parsed;
  return {
    version: 'v4',
    accessKeyId: parsed.accessKeyId,
    scope: parsed.scope,
    additionalHeaders: additional === undefined ? [] : additional.split(';').map((h) => h.trim().toLowerCase()).filter((h) => h !== ''),
    signature,
  };
}
