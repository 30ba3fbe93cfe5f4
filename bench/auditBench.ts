import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './pairedRounds.js';
import { exportBench } from './processBench.js';

export interface AuditFigures {
  readonly rows: number;
  readonly rounds: number;
  /** Per round: export time with the audit log / without it. */
  readonly ratios: readonly number[];
  readonly medianRatio: number;
  readonly withLogMs: readonly number[];
  readonly withoutLogMs: readonly number[];
  readonly logBytes: number;
}

/**
 * The Parquet export of `rows` signed URLs with `--audit-log` on and off,
 * alternating which goes first each round, each in its own process; every
 * log is checked (one line per URL, none with a signature, its first line a
 * row's URL without the signature) or the bench fails.
 */
export async function auditBench(rows: number, rounds: number, log: (line: string) => void): Promise<AuditFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'ossduck-bench-audit-'));
  const withLogMs: number[] = [];
  const withoutLogMs: number[] = [];
  let logBytes = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      const path = join(dir, `audit-${round}.log`);
      const withLog = async (): Promise<void> => {
        const figures = await exportBench(rows, path);
        const audit = figures.audit;
        if (!audit || audit.lines !== rows || audit.linesWithSignature !== 0 || !audit.firstLineMatches) {
          throw new Error(`the audit log of round ${round + 1} is wrong: ${JSON.stringify(audit)}`);
        }
        logBytes = audit.bytes;
        withLogMs.push(figures.ms);
      };
      const withoutLog = async (): Promise<void> => void withoutLogMs.push((await exportBench(rows)).ms);
      if (round % 2 === 0) {
        await withLog();
        await withoutLog();
      } else {
        await withoutLog();
        await withLog();
      }
      log(`  round ${round + 1}: with the log ${withLogMs.at(-1)} ms, without ${withoutLogMs.at(-1)} ms`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ratios = withLogMs.map((ms, i) => Math.round((ms / withoutLogMs[i]!) * 100) / 100);
  return { rows, rounds, ratios, medianRatio: median(ratios), withLogMs, withoutLogMs, logBytes };
}
