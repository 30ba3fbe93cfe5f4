import { OssduckError } from '../OssduckError.js';
import type { ListPage, ObjectSummary } from './OssClient.js';

/** Where pages come from: one ListObjectsV2 page under `prefix` after `token` (with `delimiter`, its common prefixes too). */
export type ListPageSource = (prefix: string, token: string | undefined, delimiter: string | undefined) => Promise<ListPage>;

export interface ParallelListOptions {
  /** The most listing requests in flight at once (`ossduck.oss.max_concurrency`). */
  readonly concurrency: number;
  /**
   * Whether objects come out in key order, as one sequential listing gives
   * them (default), or page by page as they arrive (for a consumer that
   * sorts them itself: then no stream waits for an earlier one to be taken).
   */
  readonly ordered?: boolean;
  /** The most sub-prefix pages held at once, fetched or in flight, before the consumer takes them (default: 4 times `concurrency` in key order, twice unordered). */
  readonly heldPages?: number;
  /** Stops the listing: the next `next()` fails as cancelled. */
  readonly signal?: AbortSignal;
  /** What is listed, as the cancellation names it (`oss://bucket/prefix/`). */
  readonly label?: string;
}

/** A run of keys listed one page after another: the location itself (with '/' as delimiter) or one of its sub-prefixes. */
interface Chain {
  readonly prefix: string;
  /** Position in key order among all chains. */
  readonly seq: number;
  readonly delimiter: string | undefined;
  token: string | undefined;
  started: boolean;
  done: boolean;
  inFlight: boolean;
  /** Pages fetched and not yet taken. */
  readonly ready: (readonly ObjectSummary[])[];
}

/** What comes next in key order: objects listed directly under the location, or a sub-prefix's chain. */
type Segment = { readonly kind: 'rows'; readonly objects: readonly ObjectSummary[]; readonly endsPage: boolean } | { readonly kind: 'chain'; readonly chain: Chain; readonly endsPage: boolean };

const DELIMITER = '/';
/** How far the delimiter listing runs ahead of the consumer, in pages: one taken, one fetched meanwhile. */
const ROOT_PAGES_AHEAD = 2;

/** OSS lists keys in the byte order of their UTF-8 (code point order), which JavaScript's `<` on UTF-16 is not. */
function keyBefore(a: string, b: string): boolean {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) < 0;
}

/**
 * Lists every object under a prefix with several ListObjectsV2 streams in
 * flight, handing out exactly the objects one sequential listing gives, in
 * its key order (or, unordered, as pages arrive). A delimiter listing of
 * the prefix comes first: its objects are rows themselves (so a flat prefix
 * is listed once, as one stream), and each of its common prefixes is listed
 * whole by a stream of its own. The earliest streams in key order are
 * fetched first; each fetches its next page while the last one is taken,
 * and at most `heldPages` pages are held at once, so memory stays bounded
 * whatever the prefix holds. The first failure ends the listing (its error
 * names the prefix whose page failed).
 */
export class ParallelLister {
  readonly #source: ListPageSource;
  readonly #concurrency: number;
  readonly #heldLimit: number;
  readonly #ordered: boolean;
  /** Unordered: pages as they arrived, not yet taken (`root`: a delimiter page). */
  readonly #arrivals: { readonly objects: readonly ObjectSummary[]; readonly root: boolean }[] = [];
  readonly #signal: AbortSignal | undefined;
  readonly #label: string;
  readonly #root: Chain;
  readonly #segments: Segment[] = [];
  #head = 0;
  /** Chains found and never fetched, in key order (all after every started one). */
  readonly #fresh: Chain[] = [];
  #freshHead = 0;
  /** Started chains waiting for their next page to be asked for. */
  readonly #resumable: Chain[] = [];
  #inFlight = 0;
  /** Sub-prefix pages in flight or fetched and not yet taken. */
  #held = 0;
  /** Delimiter pages in flight or not yet passed by the consumer. */
  #rootHeld = 0;
  #seq = 0;
  #failure: unknown;
  #closed = false;
  #wake: (() => void) | undefined;

  constructor(source: ListPageSource, prefix: string, options: ParallelListOptions) {
    this.#source = source;
    this.#concurrency = Math.max(1, options.concurrency);
    this.#ordered = options.ordered ?? true;
    this.#heldLimit = Math.max(this.#concurrency, options.heldPages ?? (this.#ordered ? 4 : 2) * this.#concurrency);
    this.#signal = options.signal;
    this.#label = options.label ?? prefix;
    this.#root = this.#chain(prefix, DELIMITER);
    this.#signal?.addEventListener('abort', this.#notify, { once: true });
  }

  /** The next objects in key order (never an empty run); undefined once the listing is done. */
  async next(): Promise<readonly ObjectSummary[] | undefined> {
    for (;;) {
      if (this.#failure !== undefined) throw this.#failure;
      if (this.#closed) return undefined;
      if (this.#signal?.aborted) {
        this.close();
        this.#failure = OssduckError.cancelled(`listing ${this.#label} was interrupted`);
        throw this.#failure;
      }
      const taken = this.#take();
      if (taken !== null) return taken;
      this.#pump();
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  /** Stops asking for pages; answers still on their way are dropped. */
  close(): void {
    this.#closed = true;
    this.#signal?.removeEventListener('abort', this.#notify);
    this.#segments.length = 0;
    this.#head = 0;
    this.#fresh.length = 0;
    this.#resumable.length = 0;
    this.#arrivals.length = 0;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<readonly ObjectSummary[]> {
    try {
      for (let objects = await this.next(); objects !== undefined; objects = await this.next()) yield objects;
    } finally {
      this.close();
    }
  }

  /** Objects ready at the head, undefined at the end, null when the head must wait. */
  #take(): readonly ObjectSummary[] | undefined | null {
    if (!this.#ordered) return this.#takeArrival();
    for (;;) {
      const head = this.#segments[this.#head];
      if (head === undefined) return this.#root.done ? undefined : null;
      if (head.kind === 'rows') {
        this.#shift(head);
        if (head.objects.length > 0) return head.objects;
        continue;
      }
      const page = head.chain.ready.shift();
      if (page !== undefined) {
        this.#held--;
        this.#pump();
        if (page.length > 0) return page;
        continue;
      }
      if (!head.chain.done) return null;
      this.#shift(head);
    }
  }

  /** Unordered: the earliest page that arrived, undefined once nothing is left to list, null when pages are on their way. */
  #takeArrival(): readonly ObjectSummary[] | undefined | null {
    for (;;) {
      const arrival = this.#arrivals.shift();
      if (arrival === undefined) {
        const listing = !this.#root.done || this.#inFlight > 0 || this.#resumable.length > 0 || this.#freshHead < this.#fresh.length;
        return listing ? null : undefined;
      }
      if (arrival.root) this.#rootHeld--;
      else this.#held--;
      this.#pump();
      if (arrival.objects.length > 0) return arrival.objects;
    }
  }

  #shift(segment: Segment): void {
    this.#segments[this.#head++] = undefined as unknown as Segment;
    if (this.#head > 1024 && this.#head * 2 > this.#segments.length) {
      this.#segments.splice(0, this.#head);
      this.#head = 0;
    }
    if (segment.endsPage) {
      this.#rootHeld--;
      this.#pump();
    }
  }

  #chain(prefix: string, delimiter: string | undefined): Chain {
    return { prefix, seq: this.#seq++, delimiter, token: undefined, started: false, done: false, inFlight: false, ready: [] };
  }

  /** Asks for pages while requests in flight allow. */
  #pump(): void {
    while (!this.#closed && this.#failure === undefined && this.#inFlight < this.#concurrency) {
      const chain = this.#nextChain();
      if (chain === undefined) return;
      this.#fetch(chain);
    }
  }

  /**
   * The chain to ask next: the delimiter listing while it is at most
   * ROOT_PAGES_AHEAD pages ahead of the consumer, then the earliest chain in
   * key order; once `heldPages` are held, only the chain the consumer waits on.
   */
  #nextChain(): Chain | undefined {
    const root = this.#root;
    const waiting = this.#segments[this.#head];
    if (!root.done && !root.inFlight && (this.#rootHeld < ROOT_PAGES_AHEAD || (this.#ordered && waiting === undefined))) return root;
    if (this.#held >= this.#heldLimit) {
      // Unordered, a page held or on its way is what the consumer waits for.
      if (!this.#ordered) return undefined;
      const chain = waiting?.kind === 'chain' ? waiting.chain : undefined;
      return chain && !chain.inFlight && !chain.done && chain.ready.length === 0 ? chain : undefined;
    }
    let best: Chain | undefined;
    for (const chain of this.#resumable) if (best === undefined || chain.seq < best.seq) best = chain;
    return best ?? this.#fresh[this.#freshHead];
  }

  #fetch(chain: Chain): void {
    if (chain === this.#root) this.#rootHeld++;
    else {
      this.#held++;
      if (chain.started) this.#resumable.splice(this.#resumable.indexOf(chain), 1);
      else if (this.#fresh[this.#freshHead] === chain) this.#dropFreshHead();
      else this.#fresh.splice(this.#fresh.indexOf(chain, this.#freshHead), 1);
    }
    chain.started = true;
    chain.inFlight = true;
    this.#inFlight++;
    this.#source(chain.prefix, chain.token, chain.delimiter).then(
      (page) => this.#arrived(chain, page),
      (error: unknown) => {
        this.#failure ??= error;
        this.#notify();
      },
    );
  }

  #dropFreshHead(): void {
    this.#fresh[this.#freshHead++] = undefined as unknown as Chain;
    if (this.#freshHead > 1024 && this.#freshHead * 2 > this.#fresh.length) {
      this.#fresh.splice(0, this.#freshHead);
      this.#freshHead = 0;
    }
  }

  #arrived(chain: Chain, page: ListPage): void {
    if (this.#closed || this.#failure !== undefined) return;
    chain.inFlight = false;
    this.#inFlight--;
    chain.token = page.nextContinuationToken;
    chain.done = chain.token === undefined;
    if (chain === this.#root) this.#queueRootPage(page);
    else {
      if (this.#ordered) chain.ready.push(page.objects);
      else this.#arrivals.push({ objects: page.objects, root: false });
      if (!chain.done) this.#resumable.push(chain);
    }
    this.#pump();
    this.#notify();
  }

  /** A delimiter page: its objects and common prefixes, merged in key order, as segments after those queued. */
  #queueRootPage(page: ListPage): void {
    const { objects, commonPrefixes } = page;
    if (!this.#ordered) {
      this.#arrivals.push({ objects, root: true });
      for (const prefix of commonPrefixes) this.#fresh.push(this.#chain(prefix, undefined));
      return;
    }
    const added: Segment[] = [];
    let o = 0;
    for (const prefix of commonPrefixes) {
      const start = o;
      while (o < objects.length && keyBefore(objects[o]!.key, prefix)) o++;
      if (o > start) added.push({ kind: 'rows', objects: objects.slice(start, o), endsPage: false });
      const chain = this.#chain(prefix, undefined);
      this.#fresh.push(chain);
      added.push({ kind: 'chain', chain, endsPage: false });
    }
    added.push({ kind: 'rows', objects: o === 0 ? objects : objects.slice(o), endsPage: true });
    this.#segments.push(...added);
  }

  readonly #notify = (): void => {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  };
}
