import { encodePath } from '../oss/signing/percentEncode.js';
import type { ListObjectsRequest } from './ListObjectsRequest.js';
import { continuationTokenFor } from './ListObjectsRequest.js';
import type { ListResult } from './ObjectStore.js';
import { isoMillis } from '../oss/verify/OssServiceError.js';
import { XmlWriter } from '../oss/XmlWriter.js';

export interface Owner {
  readonly id: string;
  readonly displayName: string;
}

/**
 * The `ListBucketResult` body of ListObjects (V1) and ListObjectsV2, element
 * for element in OSS's order:
 *
 * - V1: Name, Prefix, Marker, MaxKeys, Delimiter, [EncodingType], IsTruncated,
 *   [NextMarker], Contents*, CommonPrefixes*; every Contents has Owner.
 * - V2: Name, Prefix, [StartAfter], [ContinuationToken], MaxKeys, [Delimiter],
 *   [EncodingType], IsTruncated, [NextContinuationToken], Contents*,
 *   CommonPrefixes*, KeyCount; Owner only with fetch-owner=true.
 *
 * Contents: Key, LastModified (`2012-02-24T08:42:32.000Z`), ETag (quoted
 * upper-case MD5), Type (Normal), Size, StorageClass, [Owner]. With
 * `encoding-type=url` the fields the v2 SDKs decode are percent-encoded
 * (RFC 3986, `/` kept, so a space is `%20` and `+` is `%2B`): V1 Prefix,
 * Marker, Delimiter, NextMarker; V2 Prefix, StartAfter, Delimiter,
 * ContinuationToken, NextContinuationToken; Contents/Key and
 * CommonPrefixes/Prefix in both (alibabacloud-oss-go-sdk-v2
 * `oss/api_op_bucket.go` `unmarshalEncodeType`). This emulator's tokens are
 * base64url, so encoding leaves them as they are.
 */
export function listBucketResultXml(bucket: string, request: ListObjectsRequest, result: ListResult, owner: Owner): string {
  const name = request.encodingType === 'url' ? encodePath : (text: string) => text;
  const xml = new XmlWriter().open('ListBucketResult').element('Name', bucket).element('Prefix', name(request.prefix));
  if (request.version === 1) {
    xml.element('Marker', name(request.marker)).element('MaxKeys', request.maxKeys).element('Delimiter', name(request.delimiter));
  } else {
    if (request.startAfter !== undefined) xml.element('StartAfter', name(request.startAfter));
    if (request.continuationToken !== undefined) xml.element('ContinuationToken', name(request.continuationToken));
    xml.element('MaxKeys', request.maxKeys);
    if (request.delimiterSent) xml.element('Delimiter', name(request.delimiter));
  }
  if (request.encodingType) xml.element('EncodingType', 'url');
  xml.element('IsTruncated', result.isTruncated);
  if (result.isTruncated && result.next !== undefined) {
    if (request.version === 1) xml.element('NextMarker', name(result.next));
    else xml.element('NextContinuationToken', name(continuationTokenFor(result.next)));
  }
  for (const object of result.objects) {
    xml
      .open('Contents')
      .element('Key', name(object.key))
      .element('LastModified', isoMillis(object.lastModifiedMs))
      .element('ETag', `"${object.etag}"`)
      .element('Type', 'Normal')
      .element('Size', object.size)
      .element('StorageClass', object.storageClass);
    if (request.version === 1 || request.fetchOwner) {
      xml.open('Owner').element('ID', owner.id).element('DisplayName', owner.displayName).close('Owner');
    }
    xml.close('Contents');
  }
  for (const prefix of result.commonPrefixes) xml.open('CommonPrefixes').element('Prefix', name(prefix)).close('CommonPrefixes');
  if (request.version === 2) xml.element('KeyCount', result.objects.length + result.commonPrefixes.length);
  return xml.close('ListBucketResult').toString();
}
