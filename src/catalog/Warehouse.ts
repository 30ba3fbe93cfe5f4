import type { ObjectTableDefinition } from './ObjectTable.js';

export interface SchemaRecord {
  readonly name: string;
  readonly comment: string | undefined;
  readonly createdAt: string;
}

export interface ProjectRecord {
  readonly name: string;
  readonly createdAt: string;
  readonly schemas: readonly SchemaRecord[];
  /** Project-level settings (SETPROJECT); a session's SET overrides them. */
  readonly settings?: Readonly<Record<string, string>> | undefined;
}

/** Everything the catalog keeps: what `--db` persists between runs. */
export interface CatalogSnapshot {
  readonly version: 1;
  readonly projects: readonly ProjectRecord[];
  readonly tables: readonly ObjectTableDefinition[];
}

/**
 * Where a catalog lives: in memory, or in a warehouse directory. It says where
 * each project's DuckDB database is and stores the catalog snapshot.
 */
export interface Warehouse {
  /** `':memory:'` or a file path, for DuckDB's ATTACH. */
  projectDatabase(project: string): string;
  load(): Promise<CatalogSnapshot | undefined>;
  save(snapshot: CatalogSnapshot): Promise<void>;
  /** A short description for messages. */
  readonly description: string;
}

/** Nothing survives the process. */
export class MemoryWarehouse implements Warehouse {
  readonly description = 'in memory';

  projectDatabase(): string {
    return ':memory:';
  }

  load(): Promise<CatalogSnapshot | undefined> {
    return Promise.resolve(undefined);
  }

  save(): Promise<void> {
    return Promise.resolve();
  }
}
