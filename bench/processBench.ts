import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BENCH_KEY_SQL } from './benchKeys.js';
import { load, median } from './pairedRounds.js';
import { BIN } from './ServeChild.js';

const run = promisify(execFile);

export interface ExportFigures {
  readonly rows: number;
  readonly distinctUrls: number;
  readonly ms: number;
  readonly cores: number;
  readonly bytes: number;
  readonly peakRssMb: number;
  readonly load: number;
  /** With an audit log: its lines, how many hold a signature (must be 0), and whether its first line is a row's URL without the signature. */
  readonly audit?: { readonly lines: number; readonly linesWithSignature: number; readonly bytes: number; readonly firstLineMatches: boolean };
}

/** A Parquet export of `rows` signed URLs of the bench keys, in its own process (on the built library) so its peak memory is its own. */
export async function exportBench(rows: number, auditLog?: string): Promise<ExportFigures> {
  const child = fileURLToPath(new URL('./exportChild.mjs', import.meta.url));
  const before = load();
  const args = [child, String(rows), BENCH_KEY_SQL.replace(/\s+/g, ' '), ...(auditLog === undefined ? [] : [auditLog])];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1024 * 1024 });
  const figures = JSON.parse(stdout.trim().split('\n').at(-1)!) as Omit<ExportFigures, 'load'>;
  if (figures.rows !== rows || figures.distinctUrls !== rows) throw new Error(`the export wrote ${figures.rows} rows and ${figures.distinctUrls} distinct URLs, expected ${rows}`);
  return { ...figures, load: before };
}

const BARE = fileURLToPath(new URL('./bareDuckdbSelect1.mjs', import.meta.url));

/** Wall time of one process to its exit; its standard output must contain `expect`. */
function once(args: readonly string[], expect: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let out = '';
    // As a user on the PATH runs it: no npx, no TypeScript loader, a plain environment.
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'], env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' } });
    child.stdout.on('data', (data: Buffer) => (out += data.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}`));
      else if (!out.includes(expect)) reject(new Error(`${args.join(' ')} printed ${JSON.stringify(out)}, not ${expect}`));
      else resolve(ms);
    });
  });
}

export interface StartupFigures {
  readonly runs: number;
  readonly ossduckMs: number[];
  readonly bareMs: number[];
  readonly ossduckMedianMs: number;
  readonly bareMedianMs: number;
  readonly ratios: number[];
  readonly medianRatio: number;
  readonly minRatio: number;
  readonly maxRatio: number;
  readonly load: number;
}

/**
 * `node bin/ossduck.js -c "SELECT 1"` (what `ossduck` on the PATH runs)
 * against a bare Node script that opens DuckDB and runs SELECT 1, in
 * alternating pairs after one warm-up pair (which fills the OS file cache).
 */
export async function startupBench(pairs: number): Promise<StartupFigures> {
  const ossduck = [BIN, '-c', 'SELECT 1'];
  const bare = [BARE];
  const before = load();
  await once(ossduck, '1');
  await once(bare, '"one"');
  const ossduckMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      ossduckMs.push(Math.round(await once(ossduck, '1')));
      bareMs.push(Math.round(await once(bare, '"one"')));
    } else {
      bareMs.push(Math.round(await once(bare, '"one"')));
      ossduckMs.push(Math.round(await once(ossduck, '1')));
    }
  }
  const ratios = ossduckMs.map((ms, i) => Math.round((ms / bareMs[i]!) * 100) / 100);
  return {
    runs: pairs,
    ossduckMs,
    bareMs,
    ossduckMedianMs: median(ossduckMs),
    bareMedianMs: median(bareMs),
    ratios,
    medianRatio: median(ratios),
    minRatio: Math.min(...ratios),
    maxRatio: Math.max(...ratios),
    load: before,
  };
}
