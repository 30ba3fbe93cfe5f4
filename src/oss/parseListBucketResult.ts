/** One `<Contents>` of a ListObjectsV2 answer, its texts as written (entities resolved, names still URL-encoded). */
export interface ListedContents {
  readonly key: string;
  readonly lastModified: string;
  readonly etag: string | undefined;
  readonly type: string | undefined;
  readonly size: number;
  readonly storageClass: string | undefined;
  readonly restoreInfo: string | undefined;
  readonly ownerId: string | undefined;
  readonly ownerDisplayName: string | undefined;
}

export interface ListBucketResult {
  readonly contents: readonly ListedContents[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  readonly nextContinuationToken: string | undefined;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character data with its entity and character references resolved. */
function unescape(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? whole;
  });
}

/** The text of the first `<name>` element in `xml`, or undefined; `<name/>` is ''. */
function element(xml: string, name: string): string | undefined {
  const open = `<${name}>`;
  const start = xml.indexOf(open);
  if (start < 0) return xml.includes(`<${name}/>`) ? '' : undefined;
  const end = xml.indexOf(`</${name}>`, start + open.length);
  return end < 0 ? undefined : unescape(xml.slice(start + open.length, end));
}

/** The inside of every `<name>...</name>` block of `xml`, in order, and where the last one ends. */
function blocks(xml: string, name: string): { inside: string[]; first: number; last: number } {
  const inside: string[] = [];
  const open = `<${name}>`;
  const close = `</${name}>`;
  let first = -1;
  let last = -1;
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at)) {
    const end = xml.indexOf(close, at);
    if (end < 0) break;
    if (first < 0) first = at;
    inside.push(xml.slice(at + open.length, end));
    at = end + close.length;
    last = at;
  }
  return { inside, first, last };
}

/**
 * A ListObjectsV2 answer (`<ListBucketResult>`) read into what a listing
 * needs, as ali-oss's XML parsing (xml2js) reads it: texts kept as written,
 * entity references resolved, an empty element ''. Scanning for the few
 * elements a listing has is several times cheaper than building a generic
 * XML tree of a 1,000-object page, which is what bounds a listing's
 * throughput on the client. Undefined for a body that is no
 * ListBucketResult. Pure.
 */
export function parseListBucketResult(xml: string): ListBucketResult | undefined {
  if (!/<ListBucketResult[\s>]/.test(xml)) return undefined;
  const contents = blocks(xml, 'Contents');
  const prefixes = blocks(xml, 'CommonPrefixes');
  // The answer's own elements lie outside every Contents and CommonPrefixes block.
  const starts = [contents.first, prefixes.first].filter((i) => i >= 0);
  const head = xml.slice(0, starts.length > 0 ? Math.min(...starts) : xml.length);
  const tail = xml.slice(Math.max(contents.last, prefixes.last, 0));
  const top = (name: string): string | undefined => element(head, name) ?? element(tail, name);
  const next = top('NextContinuationToken');
  return {
    contents: contents.inside.map((block): ListedContents => {
      const owner = blocks(block, 'Owner').inside[0];
      return {
        key: element(block, 'Key') ?? '',
        lastModified: element(block, 'LastModified') ?? '',
        etag: element(block, 'ETag'),
        type: element(block, 'Type'),
        size: Number(element(block, 'Size')),
        storageClass: element(block, 'StorageClass'),
        restoreInfo: element(block, 'RestoreInfo'),
        ownerId: owner === undefined ? undefined : element(owner, 'ID'),
        ownerDisplayName: owner === undefined ? undefined : element(owner, 'DisplayName'),
      };
    }),
    commonPrefixes: prefixes.inside.map((block) => element(block, 'Prefix') ?? ''),
    isTruncated: top('IsTruncated') === 'true',
    nextContinuationToken: next === '' ? undefined : next,
  };
}
