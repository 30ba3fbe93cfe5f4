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

  it.each(VECTORS.map((v) => [v.why, v.xml] as const))('reads %s from its UTF-8 bytes as from its text', (_why, xml) => {
    const bytes = Buffer.from(xml, 'utf8');
    expect(parseListBucketResult(bytes)).toEqual(parseListBucketResult(xml));
    // A Uint8Array that is a view into a larger buffer, as well as a Buffer.
    const larger = new Uint8Array(bytes.length + 8);
    larger.set(bytes, 4);
    expect(parseListBucketResult(larger.subarray(4, 4 + bytes.length))).toEqual(parseListBucketResult(xml));
  });

  it('reads malformed UTF-8 as Buffer#toString does: each bad sequence one U+FFFD, the tags around it intact', () => {
    const [head, tail] = VECTORS[0]!.xml.split('dir%2Fa%2Bb%20c.txt');
    const bytes = Buffer.concat([Buffer.from(head!), Buffer.from([0xe4, 0xb8, 0xff, 0x41, 0xc3]), Buffer.from(tail!)]);
    const read = parseListBucketResult(bytes);
    expect(read).toEqual(parseListBucketResult(bytes.toString()));
    expect(read!.contents[0]!.key).toBe('\uFFFD\uFFFDA\uFFFD');
  });

  it('reads a page of 1,000 objects from bytes as ali-oss reads its text', async () => {
    const VECTOR = VECTORS.at(-1)!.xml;
    const block = VECTOR.slice(VECTOR.indexOf('<Contents>'), VECTOR.lastIndexOf('</Contents>') + '</Contents>'.length);
    const xml = VECTOR.replace(block, Array.from({ length: 250 }, (_, i) => block.replaceAll('<Key>', `<Key>${i}-`)).join('\n'));
    const read = parseListBucketResult(Buffer.from(xml));
    expect(read!.contents).toHaveLength(1000);
    expect(read).toEqual(await asAliOss(xml));
  });

  it('is undefined for a body that is no ListBucketResult', () => {
    expect(parseListBucketResult('<html><body>502 Bad Gateway</body></html>')).toBeUndefined();
    expect(parseListBucketResult('<ListBucketResults></ListBucketResults>')).toBeUndefined();
    expect(parseListBucketResult(Buffer.from('<html><body>502 Bad Gateway</body></html>'))).toBeUndefined();
    expect(parseListBucketResult(Buffer.from('<ListBucketResults></ListBucketResults>'))).toBeUndefined();
    expect(parseListBucketResult(Buffer.from('<ListBucketResult\u3000></ListBucketResult>'))).toBeDefined();
    expect(parseListBucketResult(Buffer.alloc(0))).toBeUndefined();
  });

  it('is undefined for a body that ends before its ListBucketResult does (a cut-off answer), as ali-oss fails on it', async () => {
    for (const { xml } of VECTORS) {
      const cut = xml.slice(0, xml.lastIndexOf('</ListBucketResult>'));
      expect(parseListBucketResult(cut)).toBeUndefined();
      expect(parseListBucketResult(Buffer.from(cut))).toBeUndefined();
      await expect(aliOss.parseXML(cut)).rejects.toThrow();
    }
  });
});
