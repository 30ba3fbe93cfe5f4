import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BIN } from './ServeChild.js';

const run = promisify(execFile);

export interface ExportFigures {
  readonly rows: number;
  readonly ms: number;
  readonly bytes: number;
  readonly peakRssMb: number;
}

/** The million-URL Parquet export, in its own process (on the built library) so its peak memory is its own. */
export async function exportBench(rows: number): Promise<ExportFigures> {
  const child = fileURLToPath(new URL('./exportChild.mjs', import.meta.url));
  const { stdout } = await run(process.execPath, [child, String(rows)], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ExportFigures;
}

function once(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore', env: { PATH: process.env['PATH'] ?? '' } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`ossduck exited with ${code}`))));
  });
}

/** Wall time of `ossduck -c "SELECT 1"`, the whole process, median of `times` runs. */
export async function startupBench(times: number): Promise<{ medianMs: number; runsMs: number[] }> {
  await once(['-c', 'SELECT 1']);
  const runsMs: number[] = [];
  for (let i = 0; i < times; i++) runsMs.push(Math.round(await once(['-c', 'SELECT 1'])));
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)]!, runsMs };
}
