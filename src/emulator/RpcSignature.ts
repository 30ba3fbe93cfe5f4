/**
 * The classic Alibaba Cloud RPC signature (SignatureMethod=HMAC-SHA1,
 * SignatureVersion=1.0) that STS's AssumeRole takes from ali-oss's STS client,
 * `@alicloud/credentials` and `@alicloud/sts20150401` with
 * `signatureAlgorithm: 'v2'`: every parameter but Signature (query and form
 * body together), sorted by name, `enc(name)=enc(value)` joined by `&`, then
 * `METHOD&%2F&enc(thatString)`, HMAC-SHA1 keyed with `secret + "&"`, base64.
 */
import { createHmac } from 'node:crypto';
import { percentEncode } from '../oss/signing/percentEncode.js';

export type RpcParam = readonly [name: string, value: string];

export function rpcStringToSign(method: string, params: readonly RpcParam[]): string {
  const canonical = params
    .filter(([name]) => name !== 'Signature')
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

export function rpcSignature(secret: string, stringToSign: string): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}
