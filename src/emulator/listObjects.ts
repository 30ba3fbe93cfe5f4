import type { Stats } from 'node:fs';
import type { ListRequest, ListResult, ObjectInfo } from './ObjectInfo.js';
import { mapConcurrently } from './mapConcurrently.js';
import type { Computed } from './Sidecars.js';
import type { WalkItem } from './walkBucket.js';

/** How many listed objects are described at once (file-system calls in flight). */
const LIST_CONCURRENCY = 16;

type Listed = { readonly key: string; readonly fsPath: string; readonly stats: Stats };

/**
 * One page of a listing: up to `maxKeys` objects and common prefixes from
 * the walk, each object described (its sidecar, or its content hashed), the
 * computed sidecars handed to `remember` in one batch.
 */
export async function listObjects(
  walk: AsyncGenerator<WalkItem>,
  request: ListRequest,
  describe: (item: Listed) => Promise<{ info: ObjectInfo; computed?: Computed } | undefined>,
  remember: (items: readonly Computed[]) => Promise<void>,
): Promise<ListResult> {
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
  const toRemember: Computed[] = [];
  const described = await mapConcurrently(
    items.filter((item): item is Listed => typeof item !== 'string'),
    LIST_CONCURRENCY,
    async (item) => {
      const found = await describe(item);
      if (found?.computed) toRemember.push(found.computed);
      return found?.info;
    },
  );
  await remember(toRemember);
  const objects = described.filter((info): info is ObjectInfo => info !== undefined);
  const last = items[items.length - 1];
  return { objects, commonPrefixes, isTruncated, next: isTruncated && last !== undefined ? (typeof last === 'string' ? last : last.key) : undefined };
}
