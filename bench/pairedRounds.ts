/**
 * Paired rounds: every contender runs once per round, in alternating order
 * (forward in odd rounds, backward in even ones), after an untimed warm-up
 * round. Ratios are taken within a round, between contenders that ran
 * seconds apart on the same machine, and reported as the median over rounds
 * with the min and max: a best-of-each-side comparison can pair one side's
 * lucky round with the other's unlucky one.
 */
import { loadavg } from 'node:os';

export interface Contender {
  readonly name: string;
  /** How many threads the contender signs on: 1, or every core. */
  readonly threads: 'one' | 'all';
  /** Does the whole job once; the returned check runs after the clock stops and throws if the output is wrong. */
  run(): Promise<() => Promise<void>>;
}

export interface RoundFigure {
  readonly perSecond: number;
  /** CPU seconds of the whole process (all its threads) per wall second. */
  readonly cores: number;
  /** CPU microseconds of the process per unit of work. */
  readonly cpuMicros: number;
}

export interface ContenderFigures {
  readonly name: string;
  readonly threads: 'one' | 'all';
  readonly rounds: RoundFigure[];
  readonly medianPerSecond: number;
  readonly medianCores: number;
  readonly medianCpuMicros: number;
}

export interface RatioFigure {
  readonly what: string;
  readonly perRound: number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The 1-minute load average, as `uptime` shows it. */
export function load(): number {
  return round2(loadavg()[0]!);
}

async function measure(contender: Contender, units: number): Promise<{ figure: RoundFigure; check: () => Promise<void> }> {
  (globalThis as { gc?: () => void }).gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const check = await contender.run();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { figure: { perSecond: Math.round((units / ms) * 1000), cores: round2(cpuMs / ms), cpuMicros: round2((cpuMs * 1000) / units) }, check };
}

export async function pairedRounds(options: {
  contenders: readonly Contender[];
  /** Units of work (URLs, objects) each run does. */
  units: number;
  rounds: number;
  /** Runs every contender once, untimed, before round 1. */
  warmUp: () => Promise<void>;
  unit: string;
  log: (line: string) => void;
}): Promise<ContenderFigures[]> {
  const { contenders, units, log } = options;
  log(`  warm-up round (untimed), load ${load()}`);
  await options.warmUp();
  const figures = new Map<string, RoundFigure[]>(contenders.map((c) => [c.name, []]));
  for (let round = 1; round <= options.rounds; round++) {
    const order = round % 2 === 1 ? contenders : [...contenders].reverse();
    log(`  round ${round} of ${options.rounds}, load ${load()}:`);
    for (const contender of order) {
      const { figure, check } = await measure(contender, units);
      await check();
      figures.get(contender.name)!.push(figure);
      log(
        `    ${contender.name.padEnd(44)} ${figure.perSecond.toLocaleString('en-US').padStart(10)} ${options.unit}/s` +
          `  ${figure.cores.toFixed(2)} cores  ${figure.cpuMicros.toFixed(2).padStart(6)} CPU-µs/${options.unit.replace(/s$/, '')}  output checked`,
      );
    }
  }
  return contenders.map((c) => {
    const rounds = figures.get(c.name)!;
    return {
      name: c.name,
      threads: c.threads,
      rounds,
      medianPerSecond: Math.round(median(rounds.map((r) => r.perSecond))),
      medianCores: round2(median(rounds.map((r) => r.cores))),
      medianCpuMicros: round2(median(rounds.map((r) => r.cpuMicros))),
    };
  });
}

/** The per-round ratio of `a` to `b`, median, min and max. */
export function ratioOf(what: string, figures: readonly ContenderFigures[], a: string, b: string): RatioFigure {
  const find = (name: string): ContenderFigures => {
    const found = figures.find((f) => f.name === name);
    if (!found) throw new Error(`no contender named ${name}`);
    return found;
  };
  const ra = find(a).rounds;
  const rb = find(b).rounds;
  const perRound = ra.map((r, i) => round2(r.perSecond / rb[i]!.perSecond));
  return { what, perRound, median: round2(median(perRound)), min: Math.min(...perRound), max: Math.max(...perRound) };
}
