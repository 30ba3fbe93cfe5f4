import { XmlWriter } from '../XmlWriter.js';

/**
 * An error the emulated OSS answers with: HTTP status, OSS code and message,
 * the operation-specific elements OSS adds after HostId, and the EC
 * (`x-oss-ec`) diagnostic code. A plain value (not a thrown Error): handlers
 * return it and the server renders it.
 *
 * Codes, messages and element order follow real OSS responses and the OSS
 * error docs. Where the EC of a situation is not published, `UNKNOWN_EC` is
 * sent instead of a made-up one (OSS says not to depend on EC values).
 */
export const UNKNOWN_EC = '0000-00000000';

export type ErrorDetail = readonly [name: string, value: string];

/** `2017-02-08T01:55:28.000Z`: the instant format OSS uses in error bodies and listings. */
export function isoMillis(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString();
}

/** Each UTF-8 byte as two upper-case hex digits and a space, as in StringToSignBytes. */
export function hexBytes(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) out += `${byte.toString(16).toUpperCase().padStart(2, '0')} `;
  return out;
}

export class OssServiceError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly ec: string;
  readonly details: readonly ErrorDetail[];
  /** Extra response headers (e.g. Allow on 405). */
  readonly headers: readonly (readonly [string, string])[];

  constructor(
    status: number,
    code: string,
    message: string,
    ec: string,
    details: readonly ErrorDetail[] = [],
    headers: readonly (readonly [string, string])[] = [],
  ) {
    this.status = status;
    this.code = code;
    this.message = message;
    this.ec = ec;
    this.details = details;
    this.headers = headers;
  }

  /** The XML body: Code, Message, RequestId, HostId, details, EC, RecommendDoc. */
  toXml(requestId: string, hostId: string): string {
    const xml = new XmlWriter()
      .open('Error')
      .element('Code', this.code)
      .element('Message', this.message)
      .element('RequestId', requestId)
      .element('HostId', hostId);
    for (const [name, value] of this.details) xml.element(name, value);
    xml.element('EC', this.ec);
    if (this.ec !== UNKNOWN_EC) xml.element('RecommendDoc', `https://api.aliyun.com/troubleshoot?q=${this.ec}`);
    return xml.close('Error').toString();
  }

  // ---- authentication -------------------------------------------------

  static anonymous(): OssServiceError {
    return new OssServiceError(403, 'AccessDenied', 'You have no right to access this object because of bucket acl.', '0003-00000001');
  }

  static requestExpired(expiresMs: number, nowMs: number): OssServiceError {
    return new OssServiceError(403, 'AccessDenied', 'Request has expired.', '0002-00000069', [
      ['Expires', isoMillis(expiresMs)],
      ['ServerTime', isoMillis(nowMs)],
    ]);
  }

  /** A V4 URL used more than 15 minutes before its x-oss-date. */
  static notYetValid(dateMs: number, nowMs: number): OssServiceError {
    return new OssServiceError(403, 'AccessDenied', 'Request is not valid yet: x-oss-date is more than 15 minutes in the future.', '0002-00000235', [
      ['RequestTime', isoMillis(dateMs)],
      ['ServerTime', isoMillis(nowMs)],
    ]);
  }

  static invalidDate(): OssServiceError {
    return new OssServiceError(403, 'AccessDenied', 'OSS authentication requires a valid Date.', '0002-00000505');
  }

  static queryAuthIncomplete(): OssServiceError {
    return new OssServiceError(
      403,
      'AccessDenied',
      'Query-string authentication requires the Signature, Expires and OSSAccessKeyId parameters',
      '0002-00000068',
    );
  }

  static invalidExpires(value: string): OssServiceError {
    return new OssServiceError(403, 'AccessDenied', `Invalid Expires: ${value} is not a valid number of seconds since the epoch.`, '0002-00000070');
  }

  static invalidV4Expires(value: string): OssServiceError {
    return new OssServiceError(400, 'InvalidArgument', `x-oss-expires must be an integer from 1 to 604800, got ${value}.`, '0002-00000232', [
      ['ArgumentName', 'x-oss-expires'],
      ['ArgumentValue', value],
    ]);
  }

  static timeTooSkewed(requestMs: number, nowMs: number): OssServiceError {
    return new OssServiceError(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', '0002-00000504', [
      ['MaxAllowedSkewMilliseconds', '900000'],
      ['RequestTime', isoMillis(requestMs)],
      ['ServerTime', isoMillis(nowMs)],
    ]);
  }

  static invalidAccessKeyId(accessKeyId: string): OssServiceError {
    return new OssServiceError(403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', '0002-00000002', [
      ['OSSAccessKeyId', accessKeyId],
    ]);
  }

  static invalidSecurityToken(): OssServiceError {
    return new OssServiceError(403, 'InvalidSecurityToken', 'The security token you provided is invalid.', '0002-00000006');
  }

  static securityTokenExpired(): OssServiceError {
    return new OssServiceError(403, 'SecurityTokenExpired', 'The security token you provided has expired.', '0002-00000007');
  }

  static tokenKeyMismatch(): OssServiceError {
    return new OssServiceError(
      403,
      'AccessKeyIdAndSecurityTokenNotMatch',
      'The OSS access key id and security token you provided does not match.',
      '0002-00000004',
    );
  }

  static signatureMismatchV1(accessKeyId: string, provided: string, stringToSign: string): OssServiceError {
    return new OssServiceError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      '0002-00000040',
      [
        ['OSSAccessKeyId', accessKeyId],
        ['SignatureProvided', provided],
        ['StringToSign', stringToSign],
        ['StringToSignBytes', hexBytes(stringToSign)],
      ],
    );
  }

  static signatureMismatchV4(accessKeyId: string, provided: string, canonicalRequest: string, stringToSign: string): OssServiceError {
    return new OssServiceError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      '0002-00000201',
      [
        ['OSSAccessKeyId', accessKeyId],
        ['SignatureProvided', provided],
        ['CanonicalRequest', canonicalRequest],
        ['StringToSign', stringToSign],
      ],
    );
  }

  static malformedAuthorization(detail: string): OssServiceError {
    return new OssServiceError(400, 'InvalidArgument', `Authorization header is invalid: ${detail}`, UNKNOWN_EC, [
      ['ArgumentName', 'Authorization'],
    ]);
  }

  /**
   * An authentication parameter (or the Authorization header) given more than
   * once. OSS's answer is not documented; a reading that picks one of the
   * copies is what a confused proxy or client would exploit, so the emulator
   * refuses the request. The values are not echoed.
   */
  static repeatedAuthParameter(name: string): OssServiceError {
    return new OssServiceError(400, 'InvalidArgument', `${name} is given more than once; a signed request carries each authentication parameter once.`, UNKNOWN_EC, [
      ['ArgumentName', name],
    ]);
  }

  static twoAuthMethods(): OssServiceError {
    return new OssServiceError(
      400,
      'InvalidArgument',
      'Only one authentication method is allowed: an Authorization header or a signature in the query string.',
      UNKNOWN_EC,
    );
  }

  // ---- names and arguments -------------------------------------------

  static invalidBucketName(bucket: string): OssServiceError {
    return new OssServiceError(400, 'InvalidBucketName', 'The specified bucket is not valid.', UNKNOWN_EC, [['BucketName', bucket]]);
  }

  static invalidObjectName(message: string): OssServiceError {
    return new OssServiceError(400, 'InvalidObjectName', message, UNKNOWN_EC);
  }

  static invalidUri(): OssServiceError {
    return new OssServiceError(400, 'InvalidURI', 'The request path is not valid percent-encoded UTF-8.', UNKNOWN_EC);
  }

  static invalidArgument(name: string, value: string, message: string): OssServiceError {
    return new OssServiceError(400, 'InvalidArgument', message, UNKNOWN_EC, [
      ['ArgumentName', name],
      ['ArgumentValue', value],
    ]);
  }

  static notImplemented(what: string): OssServiceError {
    return new OssServiceError(501, 'NotImplemented', `The local OSS emulator does not implement ${what}.`, UNKNOWN_EC);
  }

  static methodNotAllowed(method: string, resourceType: string, allow: string): OssServiceError {
    return new OssServiceError(
      405,
      'MethodNotAllowed',
      'The specified method is not allowed against this resource.',
      UNKNOWN_EC,
      [
        ['Method', method],
        ['ResourceType', resourceType],
      ],
      [['Allow', allow]],
    );
  }

  // ---- resources -------------------------------------------------------

  static noSuchBucket(bucket: string): OssServiceError {
    return new OssServiceError(404, 'NoSuchBucket', 'The specified bucket does not exist.', '0015-00000101', [['BucketName', bucket]]);
  }

  static noSuchKey(key: string): OssServiceError {
    return new OssServiceError(404, 'NoSuchKey', 'The specified key does not exist.', '0026-00000001', [['Key', key]]);
  }

  static noSuchVersion(versionId: string): OssServiceError {
    return new OssServiceError(404, 'NoSuchVersion', 'The specified version does not exist.', UNKNOWN_EC, [['VersionId', versionId]]);
  }

  static malformedXml(detail: string): OssServiceError {
    return new OssServiceError(400, 'MalformedXML', `The XML you provided was not well-formed or did not validate against our published schema: ${detail}`, UNKNOWN_EC);
  }

  static bucketAlreadyExists(bucket: string): OssServiceError {
    return new OssServiceError(
      409,
      'BucketAlreadyExists',
      'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
      UNKNOWN_EC,
      [['BucketName', bucket]],
    );
  }

  static bucketNotEmpty(bucket: string): OssServiceError {
    return new OssServiceError(409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty.', UNKNOWN_EC, [['BucketName', bucket]]);
  }

  static fileAlreadyExists(): OssServiceError {
    return new OssServiceError(409, 'FileAlreadyExists', 'The object you specified already exists and can not be overwritten.', UNKNOWN_EC);
  }

  static invalidRange(size: number): OssServiceError {
    return new OssServiceError(416, 'InvalidRange', 'The requested range cannot be satisfied', UNKNOWN_EC, [], [['Content-Range', `bytes */${size}`]]);
  }

  static preconditionFailed(condition: string): OssServiceError {
    return new OssServiceError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold.', UNKNOWN_EC, [
      ['Condition', condition],
    ]);
  }

  // ---- uploads ---------------------------------------------------------

  static missingContentLength(): OssServiceError {
    return new OssServiceError(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.', UNKNOWN_EC);
  }

  static tooLarge(length: string): OssServiceError {
    return OssServiceError.invalidArgument('Content-Length', length, 'Your proposed upload exceeds the maximum allowed size of 5 GB.');
  }

  /** The x-oss-meta-* headers of a PutObject add up to 8 KB or more (EC as OSS documents it; the code is unverified). */
  static metadataTooLarge(bytes: number): OssServiceError {
    return new OssServiceError(400, 'InvalidArgument', 'Your metadata headers exceed the maximum allowed metadata size.', '0011-00000002', [
      ['ArgumentName', 'x-oss-meta-*'],
      ['ArgumentValue', `${bytes} bytes; the limit is 8 KB`],
    ]);
  }

  static invalidDigest(): OssServiceError {
    return new OssServiceError(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.', UNKNOWN_EC);
  }

  static contentSha256Mismatch(): OssServiceError {
    return new OssServiceError(400, 'InvalidDigest', 'The x-oss-content-sha256 you specified does not match the body.', UNKNOWN_EC);
  }

  static incompleteBody(): OssServiceError {
    return new OssServiceError(400, 'IncompleteBody', 'The request body ended before Content-Length bytes were read.', UNKNOWN_EC);
  }

  /** The object's path in the emulator root runs into a symbolic link or special file put there by hand. */
  static pathBlocked(): OssServiceError {
    return new OssServiceError(
      409,
      'ObjectPathBlocked',
      'The emulator cannot store this key: its path in the storage root crosses a symbolic link or special file.',
      UNKNOWN_EC,
    );
  }

  static internal(): OssServiceError {
    return new OssServiceError(500, 'InternalError', 'We encountered an internal error. Please try again.', UNKNOWN_EC);
  }
}
