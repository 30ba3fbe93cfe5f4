import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ossduck } from '../Ossduck.js';
import { formatError } from './formatError.js';
import type { CliIo } from './CliIo.js';
import type { OptionSpec } from './parseOptions.js';
import { optionHelp, parseOptions } from './parseOptions.js';
import { createResultWriter } from './createResultWriter.js';
import { writeOut } from './StatementOutput.js';

/** The object MaxCompute's GET_SIGNED_URL_FROM_OSS documentation downloads. */
export const QUICKSTART_BUCKET = 'object-table-test';
export const QUICKSTART_KEY = 'object_table_folder/signedget.txt';
export const QUICKSTART_CONTENT = 'test maxcompute download files by url';

/** The documentation's script, unchanged but for the project and schema names. */
export const QUICKSTART_SCRIPT = `SET odps.namespace.schema=true;
USE quickstart_project;
CREATE SCHEMA IF NOT EXISTS quickstart_schema;
USE SCHEMA quickstart_schema;
SET odps.sql.timezone=Asia/Shanghai;
CREATE OBJECT TABLE IF NOT EXISTS ot_demo_day
  LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/object-table-test/object_table_folder/';
ALTER TABLE ot_demo_day REFRESH METADATA;
SELECT * FROM ot_demo_day;
SELECT STRING(GET_DATA_FROM_OSS('quickstart_project.quickstart_schema.ot_demo_day', 'signedget.txt')) AS content;
SELECT GET_SIGNED_URL_FROM_OSS('quickstart_project.quickstart_schema.ot_demo_day', 'signedget.txt') AS url;`;

export const QUICKSTART_OPTIONS: readonly OptionSpec[] = [{ name: 'help', short: 'h', description: 'show this help' }];

export function quickstartHelp(): string {
  return [
    'ossduck quickstart: MaxCompute\'s GET_SIGNED_URL_FROM_OSS example, end to end, on an embedded local OSS',
    '',
    'Usage: ossduck quickstart',
    '',
    'Options:',
    ...optionHelp(QUICKSTART_OPTIONS),
    '',
    'It needs no OSS account: it seeds oss://object-table-test/object_table_folder/signedget.txt in a',
    'temporary local OSS, runs the documentation\'s script, and downloads the object through the signed URL.',
    '',
  ].join('\n');
}

/**
 * `ossduck quickstart` (`npm start`): MaxCompute's end-to-end example on the
 * embedded local OSS. It seeds the bucket, runs the script statement by
 * statement (echoing each one and its rows), then downloads the object
 * through the signed URL over HTTP and prints what came back.
 */
export async function quickstartCommand(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    if (parseOptions(QUICKSTART_OPTIONS, argv, 'ossduck quickstart').flags.has('help')) {
      await writeOut(io.stdout, quickstartHelp());
      return 0;
    }
  } catch (error) {
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return 2;
  }
  // A warehouse of its own, whose embedded local OSS keeps its buckets in oss/: the bucket is seeded there.
  const warehouse = mkdtempSync(join(tmpdir(), 'ossduck-quickstart-'));
  let session: Ossduck | undefined;
  try {
    const bucket = join(warehouse, 'oss', QUICKSTART_BUCKET);
    mkdirSync(join(bucket, 'object_table_folder'), { recursive: true });
    writeFileSync(join(bucket, QUICKSTART_KEY), QUICKSTART_CONTENT);
    await writeOut(io.stdout, `Seeded oss://${QUICKSTART_BUCKET}/${QUICKSTART_KEY}\n\n`);
    session = await Ossduck.open({
      warehouse,
      // The embedded local OSS, whatever credentials or endpoints the environment names.
      env: {},
      // Its URLs are fetched here, while it runs: what keeps them working later is not this command's concern.
      onNotice: (message) =>
        io.stderr.write(`ossduck quickstart: ${message.replace(/^no OSS endpoint or credentials set; using /, '').replace(/; its URLs stop working .*$/, '')}\n`),
    });
    const maxWidth = io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : 400;
    let url: string | undefined;
    for await (const result of session.execute(QUICKSTART_SCRIPT)) {
      await writeOut(io.stdout, `ossduck> ${result.statement.text};\n`);
      if (!result.returnsRows) continue;
      const writer = createResultWriter('box', { timezone: session.setting('odps.sql.timezone')!, maxWidth });
      let text = writer.begin(result.columnNames, result.columnTypes);
      for await (const rows of result.chunks()) {
        text += writer.rows(rows);
        if (result.columnNames[0] === 'url' && typeof rows[0]?.[0] === 'string') url = rows[0][0];
      }
      await writeOut(io.stdout, `${text}${writer.end()}\n`);
    }
    if (!url) throw new Error('the script signed no URL');
    await writeOut(io.stdout, `Signed URL:\n${url}\n\nDownloading it over HTTP...\n`);
    const response = await fetch(url);
    const body = await response.text();
    if (!response.ok) throw new Error(`GET of the signed URL answered HTTP ${response.status}: ${body.split('\n').slice(0, 3).join(' ')}`);
    await writeOut(io.stdout, `HTTP ${response.status}, ${Buffer.byteLength(body)} bytes:\n${body}\n`);
    return 0;
  } catch (error) {
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return 1;
  } finally {
    await session?.close();
    rmSync(warehouse, { recursive: true, force: true });
  }
}
