import { ResultReturnType } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBResult } from '@duckdb/node-api';
import type { Catalog } from '../catalog/Catalog.js';
import type { ObjectTableSnapshot } from '../catalog/ObjectTableSnapshot.js';
import { positioned } from '../OssduckError.js';
import type { OssduckError, SourcePosition } from '../OssduckError.js';
import { keywordOf, significantTokens } from '../sql/Lexer.js';
import type { ScriptStatement } from '../sql/splitStatements.js';
import { toDuckSql } from '../sql/toDuckSql.js';
import { overwriteTarget } from '../sql/insertOverwrite.js';
import { createTableComments } from '../sql/createTableComments.js';
import { identifierValue } from '../sql/Lexer.js';
import { quoteIdentifier } from '../sql/quoteIdentifier.js';
import type { FunctionContext } from '../udf/FunctionContext.js';
import { MAXCOMPUTE_FUNCTIONS, MAXCOMPUTE_KEYWORDS, registerMaxComputeFunctions } from '../udf/registerMaxComputeFunctions.js';
import { OSS_FUNCTIONS, OSSDUCK_FUNCTIONS, TABLE_FUNCTIONS, VERIFYING_FUNCTIONS } from '../udf/registerOssFunctions.js';
import { isAttach, refuseProjectDetach, refuseProjectShadowing } from './databaseGuards.js';
import type { FunctionErrorMailbox } from './FunctionErrorMailbox.js';
import { FunctionNeeds } from './FunctionNeeds.js';
import type { StatementNeeds } from './FunctionNeeds.js';
import { refuseShadowingDefinition, removeShadows } from './functionShadowing.js';
import type { IssuedUrlLog } from './IssuedUrlLog.js';
import { maxComputeColumnNaming } from './maxComputeColumnNaming.js';
import type { ColumnNaming } from './maxComputeColumnNaming.js';
import type { Namespace } from './Namespace.js';
import { objectTableWriteError } from './objectTableWrite.js';
import type { OssAccess } from './OssAccess.js';
import { userTransactionOpen } from '../catalog/inTransaction.js';
import { lateFailure } from './lateFailure.js';
import { readsPipe } from './readsPipe.js';
import { statementError } from './statementError.js';
import type { StatementStop } from './StatementStop.js';
import { StatementTransaction } from './StatementTransaction.js';
import { UserTransaction } from './UserTransaction.js';
import type { StatementResult } from './StatementResult.js';

/** Names looked for among a failing statement's tokens, to place a function's error at its call. */
const FUNCTION_NAMES = new Set([...OSS_FUNCTIONS, ...VERIFYING_FUNCTIONS].map((n) => n.toUpperCase()));
/** ossduck's functions, which no macro may hide. */
const PROTECTED_NAMES: ReadonlySet<string> = new Set(OSSDUCK_FUNCTIONS.map((n) => n.toUpperCase()));
/** The macros ossduck makes itself (MaxCompute's date and string functions), as `temp.main.<name>`. */
const OWN_MACROS: ReadonlySet<string> = new Set(MAXCOMPUTE_FUNCTIONS.map((n) => `temp.main.${n.toLowerCase()}`));

/** What the runner works with, handed down by the session that opens it. */
export interface DuckStatementParts {
  readonly connection: DuckDBConnection;
  readonly catalog: Catalog;
  readonly namespace: Namespace;
  readonly oss: OssAccess;
  readonly snapshot: ObjectTableSnapshot;
  readonly errors: FunctionErrorMailbox;
  readonly issuedUrls: IssuedUrlLog;
  readonly functions: FunctionContext;
  readonly stop: StatementStop;
}

/** Statements whose first word makes them a query, whose rows DuckDB streams (EXECUTE: a prepared one). */
const QUERY_WORDS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'PIVOT', 'UNPIVOT', 'SUMMARIZE', 'DESCRIBE', 'SHOW', 'EXPLAIN', 'EXECUTE']);

function isQuery(statement: ScriptStatement): boolean {
  const first = significantTokens(statement.tokens)[0];
  return first?.text === '(' || QUERY_WORDS.has(keywordOf(first));
}

/**
 * Runs the statements DuckDB runs (everything but ossduck's own): makes
 * ready what each needs (its projects attached, OSS credentials, MaxCompute's
 * functions, from `FunctionNeeds`), refuses what would detach a project or
 * hide an ossduck function, hands DuckDB the statement's DuckDB spelling
 * (`toDuckSql`), names the columns as MaxCompute does, positions errors in
 * the script, and commits the URLs it issued to the audit log when its rows
 * are all read. `afterStatement` keeps its knowledge of views and macros
 * current.
 */
export class DuckStatementRunner {
  readonly needs = new FunctionNeeds({ oss: OSS_FUNCTIONS, verify: VERIFYING_FUNCTIONS, maxCompute: MAXCOMPUTE_FUNCTIONS, maxComputeKeywords: MAXCOMPUTE_KEYWORDS });
  readonly #parts: DuckStatementParts;
  /** How MaxCompute names the columns of the queries run, by their text (see maxComputeColumnNaming). */
  readonly #namings = new Map<string, ColumnNaming>();
  /** Whether the user's BEGIN ... COMMIT is open, as the statements run say. */
  readonly #userTransaction = new UserTransaction();
  /** The transaction of a query whose rows are being read, until they all are. */
  #reading: StatementTransaction | undefined;
  #maxComputeFunctions = false;

  constructor(parts: DuckStatementParts) {
    this.#parts = parts;
  }

  /** Runs `statement` in DuckDB; its rows stream from the result's `chunks`. */
  async run(statement: ScriptStatement, positionAt: (offset: number) => SourcePosition): Promise<Omit<StatementResult, 'isLast'>> {
    const { connection, errors, issuedUrls: issued } = this.#parts;
    const needs = await this.#prepare(statement);
    const functions = { names: FUNCTION_NAMES, tableFunctions: TABLE_FUNCTIONS };
    const located = (error: unknown): OssduckError => statementError(error, errors.take(), statement, positionAt, functions);
    const duckSql = toDuckSql(statement, positionAt);
    const naming = await maxComputeColumnNaming(async (sql) => (await connection.runAndReadAll(sql)).getRows(), duckSql, this.#namings);
    // MaxCompute's INSERT OVERWRITE runs as DELETE and the statement as INSERT INTO, in one transaction.
    const overwritten = overwriteTarget(statement, (t) => (t.kind === 'quoted' ? quoteIdentifier(identifierValue(t)) : t.text));
    const comments = createTableComments(statement.tokens);
    let transaction: StatementTransaction | undefined;
    let result: DuckDBResult;
    const askDuckDb = (): Promise<boolean> => userTransactionOpen(this.#parts.catalog.database);
    await this.settle();
    const stopped = this.#parts.stop.begin();
    try {
      const inUserTransaction = this.#userTransaction.open;
      if (overwritten !== undefined) transaction = await StatementTransaction.beginOverwrite(connection, inUserTransaction, overwritten.table, overwritten.readsTable);
      // A query is checked for a late failure; a statement whose issued URLs the audit log records commits after they are.
      else if (isQuery(statement) || (issued.recording && needs.oss)) transaction = await StatementTransaction.begin(connection, inUserTransaction);
      this.#reading = transaction;
      // A statement reading a pipe (stdin) runs in one go, its rows held: streamed, DuckDB would read the pipe twice.
      result = readsPipe(statement) ? await connection.run(duckSql) : await connection.stream(duckSql);
      await this.#userTransaction.ran(statement, true, askDuckDb);
    } catch (error) {
      await this.#userTransaction.ran(statement, false, askDuckDb).catch(() => undefined);
      await transaction?.abandon();
      issued.discard();
      throw (await objectTableWriteError(error, statement, this.#parts.namespace.scope(), this.#parts.catalog, positionAt)) ?? located(error);
    }
    const returnsRows = result.returnType === ResultReturnType.QUERY_RESULT;
    return {
      statement,
      returnsRows,
      columnNames: returnsRows ? naming(result.columnNames()) : result.columnNames(),
      columnTypes: result.columnTypes(),
      async *chunks() {
        try {
          for (;;) {
            const chunk = await result.fetchChunk();
            if (!chunk || chunk.rowCount === 0) break;
            yield chunk.getRows();
          }
        } catch (error) {
          await transaction?.abandon();
          issued.discard();
          throw located(error);
        }
        const aborted = await transaction?.aborted(!issued.recording).catch((error: unknown) => {
          issued.discard();
          return Promise.reject(located(error));
        });
        if (transaction !== undefined && aborted === true) {
          // DuckDB ended the rows early without a word: the statement failed (or was stopped), and says why.
          issued.discard();
          throw await lateFailure(statement, duckSql, transaction, stopped, errors, located);
        }
        // The statement has succeeded: the URLs it issued go to the audit log, or it fails and what it wrote is rolled back.
        try {
          await positioned(statement.position, () => issued.commit());
        } catch (error) {
          await transaction?.abandon();
          throw error;
        }
        await transaction?.commit();
        // MaxCompute's column and table comments of a CREATE TABLE, kept once the table is made.
        for (const sql of comments?.statements ?? []) await connection.run(sql).catch((error: unknown) => Promise.reject(located(error)));
      },
    };
  }

  /**
   * Ends the transaction of a query whose caller stopped reading its rows
   * (committed, as DuckDB ends an abandoned result's), so the next statement
   * does not find it open.
   */
  async settle(): Promise<void> {
    const reading = this.#reading;
    this.#reading = undefined;
    // A failure here (an interrupt landing on the probe) belongs to a statement nobody is reading any more.
    await reading?.aborted().catch(() => undefined);
  }

  /**
   * After a statement has run (whoever ran it): an ATTACH may not shadow a
   * project, and a statement that made a macro or view, or attached a
   * database, may not hide an ossduck function; then what macros and views
   * need is read afresh.
   */
  async afterStatement(done: ScriptStatement): Promise<void> {
    const catalog = this.#parts.catalog;
    if (isAttach(done)) await refuseProjectShadowing(catalog);
    if (FunctionNeeds.definesObjects(done) || isAttach(done)) {
      await removeShadows(catalog.database, PROTECTED_NAMES, OWN_MACROS, new Set(catalog.attachedProjects()));
      await this.learnDefinitions();
    }
  }

  /** Makes MaxCompute's date and string functions now (the shell does, to complete their names). */
  async loadMaxComputeFunctions(): Promise<void> {
    if (this.#maxComputeFunctions) return;
    this.#maxComputeFunctions = true;
    await registerMaxComputeFunctions(this.#parts.connection, this.#parts.functions);
  }

  /** Reads the macros and views that exist, to know which need OSS credentials or MaxCompute's functions. */
  async learnDefinitions(): Promise<void> {
    const reader = await this.#parts.connection.runAndReadAll(
      `SELECT function_name, coalesce(macro_definition, '') FROM duckdb_functions() WHERE function_type IN ('macro', 'table_macro') AND NOT internal
       UNION ALL SELECT view_name, coalesce(sql, '') FROM duckdb_views() WHERE NOT internal`,
    );
    this.needs.learn(reader.getRows().map(([name, sql]) => ({ name: String(name), sql: String(sql) })));
  }

  /**
   * Makes ready what a statement DuckDB runs needs: credentials when it signs
   * or reads OSS (explaining a URL verifies with them, but a local emulator's
   * own account needs no resolving, so explaining never starts the embedded
   * local OSS), and MaxCompute's functions when it calls one; returns those
   * needs.
   */
  async #prepare(statement: ScriptStatement): Promise<StatementNeeds> {
    const { catalog, namespace, oss, snapshot } = this.#parts;
    let needs = this.needs.of(statement);
    refuseProjectDetach(statement, catalog);
    refuseShadowingDefinition(statement, PROTECTED_NAMES);
    // A project attached now brings its views and macros, whose needs become the statement's.
    while (await namespace.attachNamed(needs.names)) needs = await this.#relearn(statement);
    if (needs.oss) {
      if (await namespace.attachAll()) needs = await this.#relearn(statement);
      snapshot.replace(await catalog.objectTables());
    }
    if (needs.oss || (needs.verify && oss.localAccount === undefined)) await oss.resolve();
    if (needs.maxCompute) await this.loadMaxComputeFunctions();
    return needs;
  }

  async #relearn(statement: ScriptStatement): Promise<StatementNeeds> {
    await this.learnDefinitions();
    return this.needs.of(statement);
  }
}
