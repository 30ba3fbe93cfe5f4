import { isAscii } from 'node:buffer';

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

/**
 * A body to search, as text or as its bytes. Bytes are searched as bytes
 * and only the parts read are decoded (each a small string): decoding a
 * whole 1,000-object page makes a string of several hundred kilobytes,
 * which V8 places in its large-object space at a cost of several times the
 * parsing. The tags searched for are ASCII, and in UTF-8 an ASCII byte is
 * always that character (never part of another, even in malformed UTF-8,
 * whose bad bytes decode to U+FFFD each), so both find the same elements.
 * A body of ASCII alone (a listing asked for with encoding-type=url, whose
 * owner names are ASCII) is decoded as latin1, which copies.
 */
interface XmlSource {
  indexOf(needle: string, from: number): number;
  /** The text from `start` to `end` (offsets as indexOf gives them). */
  text(start: number, end: number): string;
  readonly length: number;
}

class TextSource implements XmlSource {
  readonly #xml: string;
  readonly length: number;

  constructor(xml: string) {
    this.#xml = xml;
    this.length = xml.length;
  }

  indexOf(needle: string, from: number): number {
    return this.#xml.indexOf(needle, from);
  }

  text(start: number, end: number): string {
    return this.#xml.slice(start, end);
  }
}

class BytesSource implements XmlSource {
  readonly #bytes: Buffer;
  readonly #ascii: boolean;
  readonly length: number;

  constructor(body: Uint8Array) {
    this.#bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    this.#ascii = isAscii(this.#bytes);
    this.length = this.#bytes.length;
  }

  indexOf(needle: string, from: number): number {
    return this.#bytes.indexOf(needle, from, 'latin1');
  }

  text(start: number, end: number): string {
    return this.#bytes.toString(this.#ascii ? 'latin1' : 'utf8', start, end);
  }
}

/** Whether the body has a `<ListBucketResult` start tag (the name followed by whitespace or `>`). */
function isListBucketResult(source: XmlSource): boolean {
  const tag = '<ListBucketResult';
  for (let at = source.indexOf(tag, 0); at >= 0; at = source.indexOf(tag, at + 1)) {
    // The character after the name, in at most 4 bytes of UTF-8.
    if (/^<ListBucketResult[\s>]/.test(source.text(at, Math.min(source.length, at + tag.length + 4)))) return true;
  }
  return false;
}

interface Tags {
  readonly open: string;
  readonly close: string;
  readonly empty: string;
}

const TAGS = new Map<string, Tags>();

function tagsOf(name: string): Tags {
  let tags = TAGS.get(name);
  if (tags === undefined) TAGS.set(name, (tags = { open: `<${name}>`, close: `</${name}>`, empty: `<${name}/>` }));
  return tags;
}

/** The text of the first `<name>` element in `xml`, or undefined; `<name/>` is ''. */
function element(xml: string, name: string): string | undefined {
  const { open, close, empty } = tagsOf(name);
  const start = xml.indexOf(open);
  if (start < 0) return xml.includes(empty) ? '' : undefined;
  const end = xml.indexOf(close, start + open.length);
  return end < 0 ? undefined : unescape(xml.slice(start + open.length, end));
}

/** The inside of every `<name>...</name>` block of `xml`, in order, and where the last one ends. */
function blocks(xml: XmlSource, name: string): { inside: string[]; first: number; last: number } {
  const inside: string[] = [];
  const { open, close } = tagsOf(name);
  let first = -1;
  let last = -1;
  for (let at = xml.indexOf(open, 0); at >= 0; at = xml.indexOf(open, at)) {
    const end = xml.indexOf(close, at);
    if (end < 0) break;
    if (first < 0) first = at;
    inside.push(xml.text(at + open.length, end));
    at = end + close.length;
    last = at;
  }
  return { inside, first, last };
}

/** A `<Contents>` block, each element found by searching the block for it. */
function readContents(block: string): ListedContents {
  const owner = blocks(new TextSource(block), 'Owner').inside[0];
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
}

/**
 * A ListObjectsV2 answer (`<ListBucketResult>`) read into what a listing
 * needs, as ali-oss's XML parsing (xml2js) reads it: texts kept as written,
 * entity references resolved, an empty element ''. Scanning for the few
 * elements a listing has is several times cheaper than building a generic
 * XML tree of a 1,000-object page, which is what bounds a listing's
 * throughput on the client. A body given as bytes is read as UTF-8 (as
 * ali-oss reads it). Undefined for a body that is no ListBucketResult, or
 * one that ends before its end tag (xml2js refuses it too). Pure.
 */
export function parseListBucketResult(body: string | Uint8Array): ListBucketResult | undefined {
  const xml = typeof body === 'string' ? new TextSource(body) : new BytesSource(body);
  // A body cut off on its way (its end tag missing) would drop the objects past the cut without a word.
  if (!isListBucketResult(xml) || xml.indexOf('</ListBucketResult>', 0) < 0) return undefined;
  const contents = blocks(xml, 'Contents');
  const prefixes = blocks(xml, 'CommonPrefixes');
  // The answer's own elements lie outside every Contents and CommonPrefixes block.
  const starts = [contents.first, prefixes.first].filter((i) => i >= 0);
  const head = xml.text(0, starts.length > 0 ? Math.min(...starts) : xml.length);
  const tail = xml.text(Math.max(contents.last, prefixes.last, 0), xml.length);
  const top = (name: string): string | undefined => element(head, name) ?? element(tail, name);
  const next = top('NextContinuationToken');
  return {
    contents: contents.inside.map(readContents),
    commonPrefixes: prefixes.inside.map((block) => element(block, 'Prefix') ?? ''),
    isTruncated: top('IsTruncated') === 'true',
    nextContinuationToken: next === '' ? undefined : next,
  };
}
