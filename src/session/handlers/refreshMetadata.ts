import type { MetadataRow } from '../../catalog/ObjectTable.js';
import { qualifiedName } from '../../catalog/ObjectTable.js';
import { isListedObject } from '../../oss/isListedObject.js';
import { OssClient } from '../../oss/OssClient.js';
import { ParallelLister } from '../../oss/ParallelLister.js';
import type { RefreshMetadataStatement } from '../../sql/DialectStatement.js';
import { KeyLintCounts } from '../../oss/lint/KeyLintCounts.js';
import type { HandlerContext } from './HandlerContext.js';

/** `restore_info` of an object that is not archived, as MaxCompute's object tables show it. */
const NOT_ARCHIVED = 'NONE';

/**
 * `ALTER TABLE ... REFRESH METADATA`: lists every object under the table's
 * location (ListObjectsV2, paged; each sub-prefix by a stream of its own, up
 * to `ossduck.oss.max_concurrency` requests in flight) and swaps the metadata
 * in atomically. Keys are relative to the location; directory markers (the
 * prefix itself, and empty objects ending in '/') are left out. An interrupt
 * stops the listing, and the previous metadata stays.
 */
export async function handleRefreshMetadata(statement: RefreshMetadataStatement, context: HandlerContext): Promise<undefined> {
  const signal = context.stop.begin();
  const table = await context.namespace.objectTable(statement.name);
  const credentials = await context.oss.credentialsFor(table, 'REFRESH METADATA');
  const client = await OssClient.create(context.oss.target(table, credentials, 'REFRESH METADATA'));
  const prefix = table.location.prefix;
  const lint = context.settings.get('ossduck.lint_on_refresh') === 'true' ? new KeyLintCounts() : undefined;
  const lister = new ParallelLister((p, token, delimiter) => client.listPage(p, token, 1000, delimiter), prefix, {
    concurrency: context.settings.readLimits.concurrency,
    // The catalog stores the rows sorted by key: pages are staged as they arrive.
    ordered: false,
    signal,
    label: `oss://${table.location.bucket}/${prefix}`,
  });
  async function* pages(): AsyncGenerator<MetadataRow[]> {
    for await (const page of lister) {
      const rows: MetadataRow[] = [];
      for (const o of page) {
        if (!isListedObject(o.key, o.size, prefix)) continue;
        lint?.add(o.key);
        rows.push({
          key: o.key.slice(prefix.length),
          size: o.size,
          type: o.type,
          lastModified: o.lastModified,
          storageClass: o.storageClass,
          etag: o.etag,
          restoreInfo: o.restoreInfo ?? NOT_ARCHIVED,
          ownerId: o.ownerId,
          ownerDisplayName: o.ownerDisplayName,
        });
      }
      yield rows;
    }
  }
  const label = qualifiedName(table);
  const count = await context.catalog.refreshMetadata(table, pages(), (rows) => context.onProgress?.(`REFRESH METADATA ${label}: ${rows} objects listed`));
  if (lint) context.onNotice?.(`REFRESH METADATA ${label}: ${count} objects; ${lint.summary()}`);
  return undefined;
}
