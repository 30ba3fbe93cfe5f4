// The start-up reference: a bare Node script that opens DuckDB (the same
// @duckdb/node-api ossduck uses), runs SELECT 1 and prints the result.
import { DuckDBInstance } from '@duckdb/node-api';

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll('SELECT 1 AS one');
process.stdout.write(`${JSON.stringify(reader.getRowObjectsJson())}\n`);
connection.closeSync();
instance.closeSync();
