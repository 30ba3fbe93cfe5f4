import { readFileSync } from 'node:fs';

/** A process's resident memory, in bytes, from /proc/<pid>/status (Linux). */
export interface ProcessMemory {
  /** Resident now (VmRSS). */
  readonly rss: number;
  /** The most it has been resident since it started (VmHWM, the high-water mark). */
  readonly peakRss: number;
}

function field(status: string, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!m) throw new Error(`/proc status has no ${name}`);
  return Number(m[1]) * 1024;
}

export function processMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: field(status, 'VmRSS'), peakRss: field(status, 'VmHWM') };
}

export function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}
