import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Ossduck } from '../Ossduck.js';
import { GET_DATA_FROM_OSS } from '../udf/getDataFromOss.js';
import { GET_SIGNED_URL_FROM_OSS } from '../udf/getSignedUrlFromOss.js';
import { MAXCOMPUTE_FUNCTIONS } from '../udf/registerMaxComputeFunctions.js';
import { completionCandidates, dotCommandCandidates, SQL_KEYWORDS, wordAtEnd } from './completionCandidates.js';
import type { CompletionNames } from './completionCandidates.js';
import { DOT_COMMANDS } from './parseDotCommand.js';
import { rowsOf } from './rowsOf.js';

/** What the completer asks of the shell it completes for. */
export interface CompletionHost {
  /** The session names are read from; undefined between `.open`'s close and open. */
  readonly session: Ossduck | undefined;
  /** A statement runs: names are not read then (the last ones serve). */
  readonly busy: boolean;
  /** The statement typed so far on earlier lines ('' at the start of a statement). */
  readonly buffer: string;
  /** A path as `.read` and `.open` read it (`~/` expanded, relative to the working directory). */
  path(path: string): string;
}

/**
 * Tab completion for the shell: SQL keywords, function names, projects,
 * schemas and tables (read from the session, remembered while a statement
 * runs), dot commands, and file names after `.read` and `.open`.
 */
export class ShellCompleter {
  readonly #host: CompletionHost;
  #functions: string[] | undefined;
  #names: CompletionNames | undefined;
  #lookup: Promise<unknown> = Promise.resolve();

  constructor(host: CompletionHost) {
    this.#host = host;
  }

  /** Settles when a name lookup in progress is done (a statement must not run on the connection meanwhile). */
  get settled(): Promise<unknown> {
    return this.#lookup;
  }

  /** Forgets the names read (after a statement, which may have made or dropped some); `all` forgets the functions too. */
  forget(all = false): void {
    this.#names = undefined;
    if (all) this.#functions = undefined;
  }

  /** readline's completer: the candidates and the text they replace. */
  async complete(line: string): Promise<[string[], string]> {
    if (this.#host.buffer === '' && /^\s*\.[A-Za-z]*$/.test(line)) {
      const typed = line.trimStart();
      return [dotCommandCandidates(line, DOT_COMMANDS.map((c) => c.name)), typed];
    }
    const pathArgument = this.#host.buffer === '' ? /^\s*\.(?:read|open)\s+(\S*)$/i.exec(line) : null;
    if (pathArgument) return [this.#pathCandidates(pathArgument[1]!), pathArgument[1]!];
    const word = wordAtEnd(line);
    return [completionCandidates(word, await this.#completionNames(), line.slice(0, line.length - word.length)), word];
  }

  /** The names Tab completes, read from the session (unless a statement runs: then the last ones). */
  async #completionNames(): Promise<CompletionNames> {
    const session = this.#host.session;
    const fallback: CompletionNames = this.#names ?? {
      keywords: SQL_KEYWORDS,
      functions: this.#functions ?? [GET_SIGNED_URL_FROM_OSS],
      projects: [],
      schemas: [],
      tables: [],
      currentProject: session?.currentProject ?? '',
      currentSchema: session?.currentSchema ?? '',
      namespaceSchema: true,
    };
    if (!session || this.#host.busy) return fallback;
    const lookup = this.#read(session);
    this.#lookup = lookup.catch(() => undefined);
    try {
      this.#names = await lookup;
      return this.#names;
    } catch {
      return fallback;
    }
  }

  async #read(session: Ossduck): Promise<CompletionNames> {
    if (!this.#functions) {
      const rows = await rowsOf(session, 'SELECT DISTINCT function_name FROM duckdb_functions()');
      const names = rows.map((r) => String(r[0])).filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) && !n.startsWith('__'));
      // MaxCompute's date and string functions are made on first use: name them anyway.
      const ours = [GET_SIGNED_URL_FROM_OSS, GET_DATA_FROM_OSS, ...MAXCOMPUTE_FUNCTIONS];
      this.#functions = [...ours, ...names.filter((n) => !ours.includes(n.toUpperCase() as (typeof ours)[number]))];
    }
    const projects = await session.projects();
    const projectNames = projects.map((p) => p.name);
    const tables = await rowsOf(session, 'SELECT table_catalog, table_schema, table_name FROM information_schema.tables');
    return {
      keywords: SQL_KEYWORDS,
      functions: this.#functions,
      projects: projectNames,
      schemas: projects.flatMap((p) => p.schemas.map((schema) => ({ project: p.name, schema }))),
      tables: tables
        .map(([project, schema, name]) => ({ project: String(project), schema: String(schema), name: String(name) }))
        .filter((t) => projectNames.includes(t.project) && t.schema !== '__ossduck'),
      currentProject: session.currentProject,
      currentSchema: session.currentSchema,
      namespaceSchema: session.setting('odps.namespace.schema') !== 'false',
    };
  }

  #pathCandidates(typed: string): string[] {
    const expanded = this.#host.path(typed === '' ? '.' : typed);
    const dir = typed === '' || typed.endsWith('/') ? expanded : dirname(expanded);
    const base = typed === '' || typed.endsWith('/') ? '' : basename(expanded);
    const shownDir = typed.endsWith('/') || !typed.includes('/') ? (typed.endsWith('/') ? typed : '') : typed.slice(0, typed.lastIndexOf('/') + 1);
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return [];
    }
    return entries
      .filter((e) => e.startsWith(base) && (base.startsWith('.') || !e.startsWith('.')))
      .sort()
      .map((e) => {
        let directory = false;
        try {
          directory = statSync(join(dir, e)).isDirectory();
        } catch {
          // a dangling link completes as a file
        }
        return `${shownDir}${e}${directory ? '/' : ''}`;
      });
  }
}
