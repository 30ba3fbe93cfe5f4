import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DirectoryProblem, makeDirectories } from '../makeDirectories.js';
import { CatalogError } from './CatalogError.js';
import type { CatalogSnapshot, Warehouse } from './Warehouse.js';

const CATALOG_FILE = 'catalog.json';

/**
 * A warehouse directory (`--db PATH`): `catalog.json` (projects, schemas,
 * object-table definitions, project settings; replaced atomically),
 * `projects/<project>.duckdb` (each project's DuckDB database, holding the
 * object tables' metadata) and `oss/` (the embedded OSS emulator's buckets).
 * DuckDB's file lock on a project database keeps a second process out.
 */
export class DirectoryWarehouse implements Warehouse {
  readonly path: string;
  readonly description: string;

  private constructor(path: string) {
    this.path = path;
    this.description = `warehouse ${path}`;
  }

  /** Opens (creating if needed) the warehouse directory at `path`. */
  static open(path: string): DirectoryWarehouse {
    const dir = resolve(path);
    try {
      makeDirectories(dir);
      makeDirectories(join(dir, 'projects'));
    } catch (error) {
      if (!(error instanceof DirectoryProblem)) throw error;
      if (error.isFile && error.path === dir) {
        throw CatalogError.invalidName(`warehouse ${path} is a file; a warehouse is a directory (it is created if missing)`);
      }
      throw CatalogError.io(`cannot open or create warehouse directory ${path}: ${error.why}`);
    }
    return new DirectoryWarehouse(dir);
  }

  projectDatabase(project: string): string {
    return join(this.path, 'projects', `${project}.duckdb`);
  }

  /** Where the embedded OSS emulator keeps its buckets for this warehouse. */
  get ossRoot(): string {
    return join(this.path, 'oss');
  }

  load(): Promise<CatalogSnapshot | undefined> {
    const file = join(this.path, CATALOG_FILE);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Promise.resolve(undefined);
      throw CatalogError.io(`cannot read ${file}: ${(error as Error).message}`);
    }
    let snapshot: CatalogSnapshot;
    try {
      snapshot = JSON.parse(text) as CatalogSnapshot;
    } catch (error) {
      throw CatalogError.io(`${file} is damaged (${(error as Error).message}); restore it or open another --db`);
    }
    if (snapshot.version !== 1 || !Array.isArray(snapshot.projects) || !Array.isArray(snapshot.tables)) {
      throw CatalogError.io(`${file} is not an ossduck catalog of a version this ossduck reads`);
    }
    return Promise.resolve(snapshot);
  }

  /** Writes the catalog to a temporary file, syncs it, then renames it over the old one. */
  save(snapshot: CatalogSnapshot): Promise<void> {
    const file = join(this.path, CATALOG_FILE);
    const temp = `${file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o644);
    try {
      writeSync(fd, `${JSON.stringify(snapshot, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    const dir = openSync(this.path, 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    return Promise.resolve();
  }
}
