import { readFileSync } from 'node:fs';
import OSS from 'ali-oss';
import { describe, expect, it } from 'vitest';
import { parseListBucketResult } from '../../src/oss/parseListBucketResult.js';

/**
 * parseListBucketResult against ali-oss's own XML parsing (its parseXML:
 * xml2js, explicitRoot and explicitArray off), read into the same fields as
 * ali-oss's listV2 reads them: the vectors of
 * test/fixtures/list-bucket-results.json.
 */

const VECTORS = JSON.parse(readFileSync(new URL('../fixtures/list-bucket-results.json', import.meta.url), 'utf8')) as { why: string; xml: string }[];

type Node = Record<string, unknown>;
const list = (value: unknown): Node[] => (value === undefined ? [] : Array.isArray(value) ? (value as Node[]) : [value as Node]);
const text = (value: unknown): string | undefined => (value === undefined ? undefined : (value as string));

const aliOss = new OSS({ region: 'oss-cn-hangzhou', bucket: 'bkt', accessKeyId: 'LTAI5tParseTest', accessKeySecret: 'parse-test-secret' }) as unknown as { parseXML(xml: string): Promise<Node> };

/** What ali-oss's listV2 makes of the body, in parseListBucketResult's shape. */
async function asAliOss(xml: string): Promise<unknown> {
  const data = await aliOss.parseXML(xml);
  return {
    contents: list(data['Contents']).map((o) => {
      const owner = o['Owner'] as Node | undefined;
      return {
        key: text(o['Key']),
        lastModified: text(o['LastModified']),
        etag: text(o['ETag']),
        type: text(o['Type']),
        size: Number(o['Size']),
        storageClass: text(o['StorageClass']),
        restoreInfo: text(o['RestoreInfo']),
        ownerId: owner ? text(owner['ID']) : undefined,
        ownerDisplayName: owner ? text(owner['DisplayName']) : undefined,
      };
    }),
    commonPrefixes: list(data['CommonPrefixes']).map((p) => text(p['Prefix'])),
    isTruncated: data['IsTruncated'] === 'true',
    nextContinuationToken: text(data['NextContinuationToken']) || undefined,
  };
}

describe('parseListBucketResult', () => {
  it.each(VECTORS.map((v) => [v.why, v.xml] as const))('reads %s as ali-oss (xml2js) does', async (_why, xml) => {
    expect(parseListBucketResult(xml)).toEqual(await asAliOss(xml));
  });

  it('is undefined for a body that is no ListBucketResult', () => {
    expect(parseListBucketResult('<html><body>502 Bad Gateway</body></html>')).toBeUndefined();
    expect(parseListBucketResult('<ListBucketResults></ListBucketResults>')).toBeUndefined();
  });
});
