import type { RequestEvidence, RequestRecord } from '../RequestRecord.js';

/** A request the console keeps: its record, the evidence for diagnosing it, and its place in the sequence. */
export interface KeptRequest {
  /** 1, 2, 3, ... in the order requests finished; the event stream's ids. */
  readonly seq: number;
  readonly record: RequestRecord;
  readonly evidence: RequestEvidence;
}

/** Default number of requests kept. */
export const DEFAULT_HISTORY = 1000;
/** Most requests the console may be told to keep. */
export const MAX_HISTORY = 100_000;

/**
 * The last `capacity` finished requests, in a ring: adding past capacity
 * drops the oldest, so memory stays bounded however long the server runs.
 */
export class RequestHistory {
  readonly capacity: number;
  readonly #ring: (KeptRequest | undefined)[];
  #next = 1;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.#ring = new Array<KeptRequest | undefined>(capacity);
  }

  add(record: RequestRecord, evidence: RequestEvidence): KeptRequest {
    const kept: KeptRequest = { seq: this.#next++, record, evidence };
    this.#ring[kept.seq % this.capacity] = kept;
    return kept;
  }

  /** The request with this sequence number, while it is kept. */
  get(seq: number): KeptRequest | undefined {
    const kept = this.#ring[seq % this.capacity];
    return kept?.seq === seq ? kept : undefined;
  }

  /** The kept requests after `seq` (0: all), oldest first. */
  after(seq: number): KeptRequest[] {
    const out: KeptRequest[] = [];
    const first = Math.max(seq + 1, this.#next - this.capacity, 1);
    for (let s = first; s < this.#next; s++) {
      const kept = this.get(s);
      if (kept) out.push(kept);
    }
    return out;
  }

  /** The sequence number of the newest request (0 before any). */
  get last(): number {
    return this.#next - 1;
  }
}
