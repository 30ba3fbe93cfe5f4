import type { BigIntStats } from 'node:fs';

/**
 * What tells one state of a file (or folder) from another: device, inode,
 * size, and modification and change times to the nanosecond. Any write,
 * truncate, rename into place or metadata change gives a new ctime; a file
 * replaced by another is a new inode. The emulator's caches serve an answer
 * only while the identity they were filled with still holds.
 */
export interface FileIdentity {
  readonly dev: bigint;
  readonly ino: bigint;
  readonly size: bigint;
  readonly mtimeNs: bigint;
  readonly ctimeNs: bigint;
}

/** The parts of a file's stats a sidecar record is tied to, as `fs.Stats` gives them. */
export interface FileStamp {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * How long after its last change a file's identity is trusted by a cache.
 * File systems stamp times from a clock that advances in ticks (a few ms on
 * Linux, 1-2 s on some file systems), so two changes within one tick can
 * leave equal times: a state seen within this window of its ctime may not be
 * the last one with that identity, so it is not cached (as git treats "racy"
 * index entries).
 */
export const SETTLE_MS = 2_000;

const NS_PER_S = 1_000_000_000n;

export function identityOf(stats: BigIntStats): FileIdentity {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeNs: stats.mtimeNs, ctimeNs: stats.ctimeNs };
}

export function sameIdentity(a: FileIdentity, b: FileIdentity | BigIntStats): boolean {
  return a.ctimeNs === b.ctimeNs && a.mtimeNs === b.mtimeNs && a.ino === b.ino && a.size === b.size && a.dev === b.dev;
}

/** Whether the state was last changed at least SETTLE_MS before `nowMs` (the moment it was read). */
export function isSettled(identity: FileIdentity, nowMs: number): boolean {
  return identity.ctimeNs < BigInt(Math.floor(nowMs - SETTLE_MS)) * 1_000_000n;
}

/** Milliseconds from nanoseconds exactly as `fs.Stats` computes its `*Ms` fields (seconds * 1e3 + nanoseconds / 1e6). */
export function msOfNs(ns: bigint): number {
  let seconds = ns / NS_PER_S;
  let nanos = ns % NS_PER_S;
  if (nanos < 0n) {
    seconds -= 1n;
    nanos += NS_PER_S;
  }
  return Number(seconds) * 1e3 + Number(nanos) / 1e6;
}

/** The stamp a sidecar is compared with, from bigint stats. */
export function stampOf(stats: BigIntStats): FileStamp {
  return { ino: Number(stats.ino), size: Number(stats.size), mtimeMs: msOfNs(stats.mtimeNs) };
}
