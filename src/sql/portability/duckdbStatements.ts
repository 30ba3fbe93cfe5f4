/**
 * DuckDB statements MaxCompute does not have, and what a MaxCompute script
 * does instead. A form matches when the statement starts with `words` (and,
 * with `unless`, the next word is not one of those: MaxCompute's own forms of
 * the same first word). Checked before MAXCOMPUTE_STATEMENTS.
 */
export interface DuckdbStatement {
  readonly words: readonly string[];
  readonly unless?: readonly string[];
  readonly what: string;
  readonly instead: string;
}

const EXTENSIONS = "MaxCompute's functions are built in and it loads no extensions: remove it";
const TRANSACTIONS = 'MaxCompute runs each statement as its own job and has no transactions to open or close: remove it';
const FILES = "export with UNLOAD FROM (SELECT ...) INTO LOCATION 'oss://...'; import with LOAD INTO TABLE ... FROM LOCATION 'oss://...', or read OSS files through CREATE EXTERNAL TABLE ... LOCATION 'oss://...'";

export const DUCKDB_STATEMENTS: readonly DuckdbStatement[] = [
  { words: ['INSTALL'], what: 'INSTALL (a DuckDB extension)', instead: EXTENSIONS },
  { words: ['FORCE', 'INSTALL'], what: 'FORCE INSTALL (a DuckDB extension)', instead: EXTENSIONS },
  { words: ['UPDATE', 'EXTENSIONS'], what: 'UPDATE EXTENSIONS (DuckDB extensions)', instead: EXTENSIONS },
  { words: ['LOAD'], unless: ['INTO', 'OVERWRITE'], what: 'LOAD of a DuckDB extension', instead: EXTENSIONS },
  { words: ['ATTACH'], what: 'ATTACH (a DuckDB database file)', instead: 'MaxCompute projects need no attaching: name tables as project.schema.table, or USE project' },
  { words: ['DETACH'], what: 'DETACH (a DuckDB database file)', instead: 'MaxCompute projects need no attaching: remove it' },
  { words: ['PRAGMA'], what: "PRAGMA (DuckDB's settings and catalog functions)", instead: 'SET odps.<flag>=<value> for session flags; DESC and SHOW for the catalog' },
  { words: ['CALL'], what: "CALL (DuckDB's table functions)", instead: 'SELECT ... FROM a table; DESC and SHOW for the catalog' },
  { words: ['COPY'], what: 'COPY (DuckDB reading or writing files)', instead: FILES },
  { words: ['EXPORT', 'DATABASE'], what: 'EXPORT DATABASE (DuckDB)', instead: FILES },
  { words: ['IMPORT', 'DATABASE'], what: 'IMPORT DATABASE (DuckDB)', instead: FILES },
  { words: ['CHECKPOINT'], what: 'CHECKPOINT (DuckDB storage)', instead: 'MaxCompute manages its own storage: remove it' },
  { words: ['FORCE', 'CHECKPOINT'], what: 'FORCE CHECKPOINT (DuckDB storage)', instead: 'MaxCompute manages its own storage: remove it' },
  { words: ['VACUUM'], what: 'VACUUM (DuckDB storage)', instead: 'MaxCompute manages its own storage (ALTER TABLE ... COMPACT for transactional tables)' },
  { words: ['SUMMARIZE'], what: "SUMMARIZE (DuckDB's column statistics)", instead: 'SELECT COUNT(*), MIN(col), MAX(col), APPROX_DISTINCT(col) ... FROM the table' },
  { words: ['DESCRIBE', 'SELECT'], what: 'DESCRIBE of a query (DuckDB)', instead: 'DESC <table>; or EXPLAIN <query> for the plan' },
  { words: ['DESC', 'SELECT'], what: 'DESC of a query (DuckDB)', instead: 'DESC <table>; or EXPLAIN <query> for the plan' },
  { words: ['EXPLAIN', 'ANALYZE'], what: 'EXPLAIN ANALYZE (DuckDB runs the query and profiles it)', instead: 'EXPLAIN <query> shows the plan; the job details in Logview show what ran' },
  { words: ['ANALYZE'], unless: ['TABLE'], what: "ANALYZE without a table (DuckDB's statistics)", instead: 'ANALYZE TABLE <table> COMPUTE STATISTICS' },
  { words: ['SHOW', 'DATABASES'], what: 'SHOW DATABASES (DuckDB)', instead: 'SHOW SCHEMAS; a project is MaxCompute\'s database' },
  { words: ['SHOW', 'ALL', 'TABLES'], what: 'SHOW ALL TABLES (DuckDB)', instead: 'SHOW TABLES [IN project.schema]' },
  { words: ['PIVOT'], what: "PIVOT as a statement (DuckDB's shorthand)", instead: 'SELECT key, MAX(IF(col = \'a\', val, NULL)) AS a, ... FROM t GROUP BY key' },
  { words: ['UNPIVOT'], what: "UNPIVOT as a statement (DuckDB's shorthand)", instead: 'SELECT key, k, v FROM t LATERAL VIEW EXPLODE(MAP(\'a\', a, \'b\', b)) m AS k, v' },
  { words: ['BEGIN'], what: 'BEGIN (a DuckDB transaction)', instead: TRANSACTIONS },
  { words: ['START', 'TRANSACTION'], what: 'START TRANSACTION (DuckDB)', instead: TRANSACTIONS },
  { words: ['COMMIT'], what: 'COMMIT (a DuckDB transaction)', instead: TRANSACTIONS },
  { words: ['ROLLBACK'], what: 'ROLLBACK (a DuckDB transaction)', instead: TRANSACTIONS },
  { words: ['ABORT'], what: 'ABORT (a DuckDB transaction)', instead: TRANSACTIONS },
  { words: ['END'], what: 'END (a DuckDB transaction)', instead: TRANSACTIONS },
  { words: ['RESET'], what: 'RESET (a DuckDB setting)', instead: 'SET the odps.<flag> back to the value it should have' },
  { words: ['PREPARE'], what: 'PREPARE (a DuckDB prepared statement)', instead: 'write the statement out; script-mode variables (@name := ...) hold values between statements' },
  { words: ['EXECUTE'], what: 'EXECUTE (a DuckDB prepared statement)', instead: 'write the statement out; script-mode variables (@name := ...) hold values between statements' },
  { words: ['DEALLOCATE'], what: 'DEALLOCATE (a DuckDB prepared statement)', instead: 'remove it' },
  { words: ['VALUES'], what: 'VALUES as a statement (DuckDB)', instead: 'SELECT * FROM VALUES (1, \'a\'), (2, \'b\') t(id, name)' },
  { words: ['CREATE', 'OR', 'REPLACE', 'TABLE'], what: 'CREATE OR REPLACE TABLE (DuckDB)', instead: 'DROP TABLE IF EXISTS t; then CREATE TABLE t ...' },
  { words: ['CREATE', 'TEMP'], what: 'CREATE TEMP (DuckDB temporary objects)', instead: 'CREATE TABLE ... LIFECYCLE 1 (MaxCompute drops it after a day); for a function, CREATE SQL FUNCTION' },
  { words: ['CREATE', 'TEMPORARY'], what: 'CREATE TEMPORARY (DuckDB temporary objects)', instead: 'CREATE TABLE ... LIFECYCLE 1 (MaxCompute drops it after a day); for a function, CREATE SQL FUNCTION' },
  { words: ['CREATE', 'MACRO'], what: 'CREATE MACRO (DuckDB)', instead: 'CREATE SQL FUNCTION name(@a BIGINT) AS @a + 1' },
  { words: ['CREATE', 'OR', 'REPLACE', 'MACRO'], what: 'CREATE OR REPLACE MACRO (DuckDB)', instead: 'CREATE SQL FUNCTION name(@a BIGINT) AS @a + 1' },
  { words: ['CREATE', 'SEQUENCE'], what: 'CREATE SEQUENCE (DuckDB)', instead: 'ROW_NUMBER() OVER (ORDER BY ...) or UUID() for generated keys' },
  { words: ['CREATE', 'TYPE'], what: 'CREATE TYPE (DuckDB)', instead: 'write the type out where it is used: STRUCT<a:BIGINT, b:STRING>, ARRAY<...>, MAP<...>' },
  { words: ['CREATE', 'SECRET'], what: 'CREATE SECRET (DuckDB credentials)', instead: "MaxCompute reaches OSS with the project's role: WITH SERDEPROPERTIES ('odps.properties.rolearn'='acs:ram::<uid>:role/<name>')" },
  { words: ['CREATE', 'PERSISTENT', 'SECRET'], what: 'CREATE PERSISTENT SECRET (DuckDB credentials)', instead: "MaxCompute reaches OSS with the project's role: WITH SERDEPROPERTIES ('odps.properties.rolearn'='acs:ram::<uid>:role/<name>')" },
  { words: ['CREATE', 'INDEX'], what: 'CREATE INDEX (DuckDB)', instead: 'MaxCompute has no indexes: CLUSTERED BY (col) SORTED BY (col) INTO n BUCKETS when creating the table' },
  { words: ['CREATE', 'UNIQUE', 'INDEX'], what: 'CREATE UNIQUE INDEX (DuckDB)', instead: 'MaxCompute has no indexes: a PRIMARY KEY on a transactional table' },
  { words: ['CREATE', 'DATABASE'], what: 'CREATE DATABASE (DuckDB)', instead: 'CREATE SCHEMA; projects are made in the MaxCompute console' },
  { words: ['DROP', 'MACRO'], what: 'DROP MACRO (DuckDB)', instead: 'DROP FUNCTION' },
  { words: ['DROP', 'SEQUENCE'], what: 'DROP SEQUENCE (DuckDB)', instead: 'remove it: MaxCompute has no sequences' },
  { words: ['DROP', 'TYPE'], what: 'DROP TYPE (DuckDB)', instead: 'remove it: MaxCompute has no named types' },
  { words: ['DROP', 'SECRET'], what: 'DROP SECRET (DuckDB)', instead: 'remove it: MaxCompute has no secrets' },
  { words: ['DROP', 'INDEX'], what: 'DROP INDEX (DuckDB)', instead: 'remove it: MaxCompute has no indexes' },
  { words: ['TRUNCATE'], unless: ['TABLE'], what: 'TRUNCATE without TABLE (DuckDB)', instead: 'TRUNCATE TABLE <table>' },
  { words: ['INSERT', 'OR'], what: 'INSERT OR REPLACE / INSERT OR IGNORE (DuckDB)', instead: 'INSERT OVERWRITE, or MERGE INTO on a transactional table' },
];
