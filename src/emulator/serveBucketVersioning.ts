import type { HttpExchange } from './HttpExchange.js';
import type { ObjectStore, VersioningStatus } from './ObjectStore.js';
import { OssServiceError } from '../oss/verify/OssServiceError.js';
import { XmlWriter } from '../oss/XmlWriter.js';

/** GetBucketVersioning and PutBucketVersioning (`?versioning`). */
export async function serveBucketVersioning(ex: HttpExchange, store: ObjectStore, bucket: string): Promise<void> {
  if (ex.method === 'GET') {
    if (!(await store.bucket(bucket))) return ex.sendError(OssServiceError.noSuchBucket(bucket));
    const status = await store.versioning(bucket);
    const xml = new XmlWriter().open('VersioningConfiguration');
    if (status !== undefined) xml.element('Status', status);
    return ex.sendXml(200, xml.close('VersioningConfiguration').toString());
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ex.req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) return ex.sendError(OssServiceError.malformedXml('the body is larger than 64 KB'));
    chunks.push(chunk as Buffer);
  }
  if (!(await store.bucket(bucket))) return ex.sendError(OssServiceError.noSuchBucket(bucket));
  const xml = Buffer.concat(chunks).toString('utf8');
  const match = /^\s*(?:<\?xml[^>]*\?>)?\s*<VersioningConfiguration>\s*<Status>([^<]*)<\/Status>\s*<\/VersioningConfiguration>\s*$/.exec(xml);
  if (!match) return ex.sendError(OssServiceError.malformedXml('expected <VersioningConfiguration><Status>Enabled|Suspended</Status></VersioningConfiguration>'));
  const status = match[1]!.trim();
  if (status !== 'Enabled' && status !== 'Suspended') {
    return ex.sendError(OssServiceError.malformedXml(`Status '${status}' is neither Enabled nor Suspended`));
  }
  await store.setVersioning(bucket, status as VersioningStatus);
  ex.send(200, []);
}
