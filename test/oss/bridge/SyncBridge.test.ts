import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectReadResult, ReadLimits } from '../../../src/oss/bridge/BridgeProtocol.js';
import { SyncBridge } from '../../../src/oss/bridge/SyncBridge.js';
import { Credentials } from '../../../src/oss/Credentials.js';
import type { BucketTarget } from '../../../src/oss/OssClient.js';
import { ServeProcess } from '../../support/ServeProcess.js';

const ID = 'LTAI5tBridgeTestKey';
const SECRET = 'BridgeTestSecretDoNotLeak0123';
const SIZES = [3000, 10, 3000, 0, 4999, 3000, 1, 3000, 3000, 2500];

let root: string;
let serve: ServeProcess;
let bridge: SyncBridge;
let target: BucketTarget;

function content(i: number, size: number): Buffer {
  return Buffer.alloc(size, 65 + i);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ossduck-bridge-'));
  mkdirSync(join(root, 'bkt'));
  SIZES.forEach((size, i) => writeFileSync(join(root, 'bkt', `o${i}`), content(i, size)));
  serve = await ServeProcess.start(['--port', '0', '--root', root], { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET });
  const url = new URL(serve.ossUrl);
  target = {
    bucket: 'bkt',
    region: 'cn-hangzhou',
    product: 'oss',
    address: { scheme: 'http', host: url.host, style: 'virtual' },
    credentials: new Credentials({ accessKeyId: ID, accessKeySecret: SECRET }),
  };
  bridge = new SyncBridge();
});

afterAll(async () => {
  await bridge?.close();
  expect(await serve?.stop()).toBe(0);
  rmSync(root, { recursive: true, force: true });
});

describe('SyncBridge.readObjects', () => {
  it('holds at most heldBytes of bodies per call (one body alone always), and hands every result over once, in parts', () => {
    const limits: ReadLimits = { maxBytes: 10_000, concurrency: 4, connectTimeoutMs: 10_000, readTimeoutMs: 20_000, heldBytes: 6000 };
    const reads = [...SIZES.map((_, i) => ({ key: `o${i}`, offset: 0, length: -1 })), { key: 'gone', offset: 0, length: -1 }];
    const taken: [number, ObjectReadResult][] = [];
    let parts = 0;
    const perPart: number[] = [];
    let bytesThisPart = 0;
    bridge.readObjects(
      target,
      reads,
      limits,
      (index, result) => {
        taken.push([index, result]);
        if (result.status === 'ok') bytesThisPart += result.data.byteLength;
      },
      () => {
        parts++;
        perPart.push(bytesThisPart);
        bytesThisPart = 0;
      },
    );
    expect(taken.map(([i]) => i).sort((a, b) => a - b)).toEqual(reads.map((_, i) => i));
    for (const [i, result] of taken) {
      if (i === SIZES.length) expect(result.status).toBe('missing');
      else expect(result.status === 'ok' && Buffer.from(result.data).equals(content(i, SIZES[i]!))).toBe(true);
    }
    expect(parts).toBeGreaterThan(3);
    for (const bytes of perPart) expect(bytes).toBeLessThanOrEqual(limits.heldBytes);
  });

  it('gives the same results at every concurrency with room for all', () => {
    const reads = SIZES.map((_, i) => ({ key: `o${i}`, offset: 1, length: 5 }));
    for (const concurrency of [1, 2, 16]) {
      const limits: ReadLimits = { maxBytes: 10_000, concurrency, connectTimeoutMs: 10_000, readTimeoutMs: 20_000, heldBytes: 1 << 20 };
      const got: string[] = new Array<string>(reads.length);
      let parts = 0;
      bridge.readObjects(target, reads, limits, (i, r) => void (got[i] = r.status === 'ok' ? Buffer.from(r.data).toString('latin1') : r.status), () => parts++);
      expect(parts).toBe(1);
      expect(got).toEqual(SIZES.map((size, i) => content(i, size).subarray(1, 6).toString('latin1')));
    }
  });
});

describe('SyncBridge.openListing', () => {
  const keysOf = (listing: ReturnType<SyncBridge['openListing']>): string[] => {
    const keys: string[] = [];
    for (let objects = listing.next(); objects !== undefined; objects = listing.next()) keys.push(...objects.map((o) => o.key));
    return keys;
  };

  it('hands out every object in key order, then nothing more', () => {
    const listing = bridge.openListing(target, '', 4, 1);
    expect(keysOf(listing)).toEqual(SIZES.map((_, i) => `o${i}`));
    expect(listing.next()).toBeUndefined();
  });

  it('closes the listings an earlier statement left open (a LIMIT), and keeps those of the running one', () => {
    const abandoned = bridge.openListing(target, '', 4, 2);
    const sameStatement = bridge.openListing(target, '', 4, 3);
    const next = bridge.openListing(target, '', 4, 3);
    expect(abandoned.next()).toBeUndefined();
    expect(keysOf(sameStatement)).toHaveLength(SIZES.length);
    expect(keysOf(next)).toHaveLength(SIZES.length);
  });

  it('fails as OSS answers, naming the bucket and prefix listed', () => {
    const listing = bridge.openListing({ ...target, bucket: 'no-such-bucket' }, 'x/', 4, 4);
    expect(() => listing.next()).toThrow(/^Failed to I\/O - listing oss:\/\/no-such-bucket\/x\/ failed: NoSuchBucket \(HTTP 404\)/);
  });
});
