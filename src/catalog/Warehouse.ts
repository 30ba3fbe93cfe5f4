/**
 * Where project databases live: in memory, or in a warehouse directory.
 * Each project is one DuckDB database holding its schemas, tables and
 * ossduck's catalog (schema `__ossduck`), so whatever a statement changes
 * commits or rolls back in one DuckDB transaction.
 */
export interface Warehouse {
  /** A short description for messages (`warehouse /data/wh`, `in memory`). */
  readonly description: string;
  /** Whether nothing can be written (a read-only mount or folder): projects are opened read-only. */
  readonly readOnly: boolean;
  /** Projects are in-memory databases, made by attaching them. */
  readonly inMemory: boolean;
  /** The projects that exist there now (memory: none; projects live only while attached). */
  projectNames(): string[];
  /** Where an existing project's database is, for DuckDB's ATTACH (`:memory:` in memory). */
  projectPath(project: string): string;
  /**
   * Makes a new project database file: `prepare` fills the database at the
   * path it is given (a temporary file), and only then does the project
   * appear, linked into place without replacing one that another process
   * made meanwhile. Not for a warehouse in memory.
   */
  createProject(project: string, prepare: (path: string) => Promise<void>): Promise<void>;
  /** The catalog file of the layout before projects held their own catalog, if there is one to migrate. */
  readonly legacyCatalogFile: string | undefined;
  /** Marks the legacy catalog migrated (renames it aside). */
  retireLegacyCatalog(): void;
}

/** Nothing survives the process. */
export class MemoryWarehouse implements Warehouse {
  readonly description = 'in memory';
  readonly readOnly = false;
  readonly inMemory = true;
  readonly legacyCatalogFile = undefined;

  projectNames(): string[] {
    return [];
  }

  projectPath(): string {
    return ':memory:';
  }

  createProject(): Promise<void> {
    return Promise.reject(new Error('projects in memory are made by attaching them'));
  }

  retireLegacyCatalog(): void {}
}
