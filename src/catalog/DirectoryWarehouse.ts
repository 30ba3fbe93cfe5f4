import { accessSync, constants, existsSync, fsyncSync, closeSync, linkSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DirectoryProblem, makeDirectories } from '../makeDirectories.js';
import { CatalogError } from './CatalogError.js';
import type { Warehouse } from './Warehouse.js';

const PROJECT_FILE = /^([a-z][a-z0-9_]{2,27})\.duckdb$/;
/** A project database being made: `.<project>.<pid>.creating.duckdb` (and DuckDB's `.wal` beside it). */
const CREATING = /^\.([a-z][a-z0-9_]{2,27})\.(\d+)\.creating\.duckdb(\.wal)?$/;
const LEGACY_CATALOG = 'catalog.json';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function syncDirectory(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A warehouse directory (`--db PATH`): `projects/<project>.duckdb`, one DuckDB
 * database per project (tables, object-table metadata and ossduck's catalog
 * of it), and `oss/` (the embedded local OSS's buckets). A project appears
 * whole or not at all: it is made in a temporary file and linked into place.
 * DuckDB's lock on a project's file keeps a second writer out; two processes
 * on different projects of one warehouse do not meet.
 */
export class DirectoryWarehouse implements Warehouse {
  readonly path: string;
  readonly description: string;
  readonly readOnly: boolean;
  readonly inMemory = false;
  readonly #projects: string;

  private constructor(path: string, readOnly: boolean) {
    this.path = path;
    this.description = `warehouse ${path}`;
    this.readOnly = readOnly;
    this.#projects = join(path, 'projects');
  }

  /** Opens (creating if needed) the warehouse directory at `path`; one that cannot be written opens read-only. */
  static open(path: string): DirectoryWarehouse {
    const dir = resolve(path);
    const projects = join(dir, 'projects');
    try {
      if (!existsSync(projects)) {
        makeDirectories(dir);
        makeDirectories(projects);
      } else {
        makeDirectories(dir);
      }
    } catch (error) {
      if (!(error instanceof DirectoryProblem)) throw error;
      if (error.isFile && error.path === dir) {
        throw CatalogError.invalidName(`warehouse ${path} is a file; a warehouse is a directory (it is created if missing)`);
      }
      throw CatalogError.io(`cannot open or create warehouse directory ${path}: ${error.why}`);
    }
    let readOnly = false;
    try {
      accessSync(projects, constants.W_OK);
    } catch {
      readOnly = true;
    }
    const warehouse = new DirectoryWarehouse(dir, readOnly);
    if (!readOnly) warehouse.#removeAbandoned();
    return warehouse;
  }

  /** Where the embedded local OSS keeps its buckets for this warehouse. */
  get ossRoot(): string {
    return join(this.path, 'oss');
  }

  get legacyCatalogFile(): string | undefined {
    const file = join(this.path, LEGACY_CATALOG);
    return existsSync(file) ? file : undefined;
  }

  retireLegacyCatalog(): void {
    const file = join(this.path, LEGACY_CATALOG);
    renameSync(file, `${file}.migrated`);
    syncDirectory(this.path);
  }

  projectNames(): string[] {
    let entries: string[];
    try {
      entries = readdirSync(this.#projects);
    } catch {
      return [];
    }
    return entries.flatMap((e) => PROJECT_FILE.exec(e)?.[1] ?? []).sort();
  }

  projectPath(project: string): string {
    return join(this.#projects, `${project}.duckdb`);
  }

  async createProject(project: string, prepare: (path: string) => Promise<void>): Promise<void> {
    if (this.readOnly) throw CatalogError.readOnly(this.description, `project ${project} cannot be created`);
    const temporary = join(this.#projects, `.${project}.${process.pid}.creating.duckdb`);
    rmSync(temporary, { force: true });
    rmSync(`${temporary}.wal`, { force: true });
    try {
      await prepare(temporary);
      try {
        // A link never replaces a project another process made meanwhile: that one stays, this one goes.
        linkSync(temporary, this.projectPath(project));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      syncDirectory(this.#projects);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') throw CatalogError.io(`project ${project} cannot be created in ${this.description}: no space left on the device`);
      throw error;
    } finally {
      rmSync(temporary, { force: true });
      rmSync(`${temporary}.wal`, { force: true });
    }
  }

  /** Removes what processes killed while making a project left behind. */
  #removeAbandoned(): void {
    let entries: string[];
    try {
      entries = readdirSync(this.#projects);
    } catch {
      return;
    }
    for (const entry of entries) {
      const match = CREATING.exec(entry);
      if (match && !alive(Number(match[2]))) rmSync(join(this.#projects, entry), { force: true });
    }
  }
}
