import type { MetadataRow } from '../../catalog/ObjectTable.js';
import { qualifiedName } from '../../catalog/ObjectTable.js';
import { OssClient } from '../../oss/OssClient.js';
import type { RefreshMetadataStatement } from '../../sql/DialectStatement.js';
import type { HandlerContext } from './HandlerContext.js';

/**
 * `ALTER TABLE ... REFRESH METADATA`: lists every object under the table's
 * location (ListObjectsV2, paged) and swaps the metadata in atomically. Keys
 * are relative to the location; directory markers (the prefix itself, and
 * empty objects ending in '/') are left out.
 */
export async function handleRefreshMetadata(statement: RefreshMetadataStatement, context: HandlerContext): Promise<undefined> {
  const table = await context.namespace.objectTable(statement.name);
  const credentials = await context.oss.credentialsFor(table, 'REFRESH METADATA');
  const client = await OssClient.create(context.oss.target(table, credentials));
  const prefix = table.location.prefix;
  async function* pages(): AsyncGenerator<MetadataRow[]> {
    for await (const page of client.list(prefix)) {
      yield page.objects
        .filter((o) => o.key.startsWith(prefix) && o.key !== prefix && !(o.key.endsWith('/') && o.size === 0))
        .map((o) => ({ ...o, key: o.key.slice(prefix.length) }));
    }
  }
  const label = qualifiedName(table);
  await context.catalog.refreshMetadata(table, pages(), (rows) => context.onProgress?.(`REFRESH METADATA ${label}: ${rows} objects listed`));
  return undefined;
}
