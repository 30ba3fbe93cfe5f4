import { CatalogError } from './CatalogError.js';
import { qualifiedName } from './ObjectTable.js';
import type { ObjectTableDefinition } from './ObjectTable.js';
import { fullTableName } from './TableName.js';

/**
 * The object tables as a statement sees them, read from the catalog before
 * it runs: DuckDB calls SQL functions synchronously, so they find tables
 * here, not in DuckDB.
 */
export class ObjectTableSnapshot {
  #tables = new Map<string, ObjectTableDefinition>();

  replace(tables: readonly ObjectTableDefinition[]): void {
    this.#tables = new Map(tables.map((t) => [qualifiedName(t), t] as const));
  }

  all(): readonly ObjectTableDefinition[] {
    return [...this.#tables.values()];
  }

  /** The object table a function's `full_object_table_name` argument names (see fullTableName); an error naming `fn` when none. */
  named(text: string, fn: string, namespaceSchema: boolean): ObjectTableDefinition {
    const name = fullTableName(text, fn, namespaceSchema);
    const table = this.#tables.get(qualifiedName(name));
    if (!table) throw CatalogError.noObjectTable(fn, qualifiedName(name));
    return table;
  }
}
