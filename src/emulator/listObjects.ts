import type { BigIntStats } from 'node:fs';
import type { ListRequest, ListResult, ObjectInfo } from './ObjectInfo.js';
import { mapConcurrently } from './mapConcurrently.js';
import type { Computed } from './Sidecars.js';
import type { WalkItem } from './walkBucket.js';

/** How many listed objects whose content must be hashed are described at once (file-system calls in flight). */
const LIST_CONCURRENCY = 16;

export type Listed = { readonly key: string; readonly fsPath: string; readonly stats: BigIntStats };

/** How a page's objects are described. */
export interface Describers {
  /** At once, from memory or the object's sidecar; undefined when that will not do. */
  readonly now: (item: Listed) => ObjectInfo | undefined;
  /** The rest (their content hashed), undefined for an object gone meanwhile. */
  readonly later: (item: Listed) => Promise<{ info: ObjectInfo; computed?: Computed } | undefined>;
  /** Keeps the records `later` computed, in one batch. */
  readonly remember: (items: readonly Computed[]) => Promise<void>;
}

/**
 * One page of a listing: up to `maxKeys` objects and common prefixes from
 * the walk, each object described (from memory or its sidecar, else its
 * content hashed), the computed sidecars handed to `remember` in one batch.
 */
export async function listObjects(walk: AsyncGenerator<WalkItem>, request: ListRequest, describers: Describers): Promise<ListResult> {
  const items: (Listed | string)[] = [];
  let isTruncated = false;
  for await (const item of walk) {
    if (items.length >= request.maxKeys) {
      isTruncated = true;
      break;
    }
    items.push(item.kind === 'prefix' ? item.prefix : item);
  }
  const commonPrefixes = items.filter((item): item is string => typeof item === 'string');
  const listed = items.filter((item): item is Listed => typeof item !== 'string');
  const described: (ObjectInfo | undefined)[] = listed.map((item) => describers.now(item));
  const rest = listed.flatMap((item, i) => (described[i] === undefined ? [i] : []));
  const toRemember: Computed[] = [];
  await mapConcurrently(rest, LIST_CONCURRENCY, async (i) => {
    const found = await describers.later(listed[i]!);
    if (found?.computed) toRemember.push(found.computed);
    described[i] = found?.info;
  });
  await describers.remember(toRemember);
  const objects = described.filter((info): info is ObjectInfo => info !== undefined);
  const last = items[items.length - 1];
  return { objects, commonPrefixes, isTruncated, next: isTruncated && last !== undefined ? (typeof last === 'string' ? last : last.key) : undefined };
}
