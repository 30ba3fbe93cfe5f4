/**
 * The "bare loops": what a developer would write with node:crypto alone to
 * presign many GET URLs for one bucket, instant and expiry, doing the whole
 * job ossduck does: RFC 3986-encode the key (keeping `/`), build the
 * canonical request or string to sign, sign it with the derived key (V4) or
 * the secret (V1), and assemble the full URL with its query parameters in
 * the order the v2 SDKs use. Written independently of ossduck's signer, so
 * the bench checks one against the other.
 */
import { createHmac, hash } from 'node:crypto';

export interface BareSpec {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly bucket: string;
  /** `oss-cn-hangzhou.aliyuncs.com` */
  readonly endpoint: string;
  readonly region: string;
  /** Whole seconds since the epoch. */
  readonly signTime: number;
  readonly expiresIn: number;
}

function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function encodeKeepingSlash(value: string): string {
  return encode(value).replaceAll('%2F', '/');
}

/** V4 (OSS4-HMAC-SHA256) presigned GET URLs of `keys`, in order. */
export function bareV4Urls(spec: BareSpec, keys: readonly string[]): string[] {
  const datetime = new Date(spec.signTime * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const date = datetime.slice(0, 8);
  const scope = `${date}/${spec.region}/oss/aliyun_v4_request`;
  let key: Buffer = createHmac('sha256', `aliyun_v4${spec.accessKeySecret}`).update(date).digest();
  for (const part of [spec.region, 'oss', 'aliyun_v4_request']) key = createHmac('sha256', key).update(part).digest();
  const query =
    `x-oss-credential=${encode(`${spec.accessKeyId}/${scope}`)}&x-oss-date=${datetime}&x-oss-expires=${spec.expiresIn}` +
    '&x-oss-signature-version=OSS4-HMAC-SHA256';
  const head = `GET\n/${spec.bucket}/`;
  const tail = `\n${query}\n\n\nUNSIGNED-PAYLOAD`;
  const stsHead = `OSS4-HMAC-SHA256\n${datetime}\n${scope}\n`;
  const origin = `https://${spec.bucket}.${spec.endpoint}/`;
  const before = `?x-oss-credential=${encode(`${spec.accessKeyId}/${scope}`)}&x-oss-date=${datetime}&x-oss-expires=${spec.expiresIn}&x-oss-signature=`;
  const after = '&x-oss-signature-version=OSS4-HMAC-SHA256';
  const urls = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const path = encodeKeepingSlash(keys[i]!);
    const stringToSign = stsHead + hash('sha256', head + path + tail, 'hex');
    const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
    urls[i] = origin + path + before + signature + after;
  }
  return urls;
}

/** V1 (HMAC-SHA1) presigned GET URLs of `keys`, in order. */
export function bareV1Urls(spec: BareSpec, keys: readonly string[]): string[] {
  const expires = spec.signTime + spec.expiresIn;
  const head = `GET\n\n\n${expires}\n/${spec.bucket}/`;
  const origin = `https://${spec.bucket}.${spec.endpoint}/`;
  const before = `?Expires=${expires}&OSSAccessKeyId=${encode(spec.accessKeyId)}&Signature=`;
  const urls = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const signature = createHmac('sha1', spec.accessKeySecret).update(head + k).digest('base64');
    urls[i] = origin + encodeKeepingSlash(k) + before + encode(signature);
  }
  return urls;
}
