import { encodePath } from './percentEncode.js';

/**
 * How a URL names a bucket: `virtual` puts it in the host
 * (`bucket.oss-cn-hangzhou.aliyuncs.com`), `path` in the path
 * (`127.0.0.1:9000/bucket/key`, used for IP and localhost endpoints), and
 * `cname` leaves it out (a custom domain bound to the bucket).
 */
export type UrlStyle = 'virtual' | 'path' | 'cname';

export interface UrlAddress {
  readonly scheme: 'http' | 'https';
  /** Host name with an optional `:port`. */
  readonly host: string;
  readonly style: UrlStyle;
  /**
   * `/` in the object name written `%2F` in the URL's path, as MaxCompute's
   * own signed URLs do (`object_table_folder%2Fsignedget.txt`); OSS reads it
   * as the same name. Only the URL changes, never what is signed.
   */
  readonly encodeSlash?: boolean | undefined;
}

/** Everything of an object's URL before its encoded key. */
export function urlPrefix(address: UrlAddress, bucket: string): string {
  switch (address.style) {
    case 'virtual':
      return `${address.scheme}://${bucket}.${address.host}/`;
    case 'path':
      return `${address.scheme}://${address.host}/${bucket}/`;
    case 'cname':
      return `${address.scheme}://${address.host}/`;
  }
}

/** The URL of `key` in `bucket` (no query). */
export function objectUrl(address: UrlAddress, bucket: string, key: string): string {
  return urlPrefix(address, bucket) + encodePath(key);
}
