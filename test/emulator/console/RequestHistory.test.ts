import { describe, expect, it } from 'vitest';
import { RequestHistory } from '../../../src/emulator/console/RequestHistory.js';
import { RequestEvidence } from '../../../src/emulator/RequestRecord.js';
import type { RequestRecord } from '../../../src/emulator/RequestRecord.js';

function record(n: number): RequestRecord {
  return {
    requestId: `R${n}`, at: n, service: 'oss', method: 'GET', bucket: 'b', key: `k${n}`, auth: 'v4-query', signatureVersion: 'v4',
    accessKeyId: 'id', sts: false, expiresAt: null, status: 200, code: null, verdict: 'served', bytesIn: 0, bytesOut: 1, latencyMs: 1, userAgent: null,
  };
}
const evidence = new RequestEvidence('http', '/b/k', [['Host', 'h']], 0, undefined);

describe('RequestHistory', () => {
  it('numbers requests from 1 and gives them back while kept', () => {
    const history = new RequestHistory(3);
    expect(history.last).toBe(0);
    expect(history.after(0)).toEqual([]);
    const first = history.add(record(1), evidence);
    expect(first.seq).toBe(1);
    expect(history.get(1)?.record.key).toBe('k1');
    expect(history.get(2)).toBeUndefined();
  });

  it('keeps only the last `capacity` requests, oldest dropped first', () => {
    const history = new RequestHistory(3);
    for (let n = 1; n <= 10; n++) history.add(record(n), evidence);
    expect(history.last).toBe(10);
    expect(history.after(0).map((k) => k.seq)).toEqual([8, 9, 10]);
    expect(history.get(7)).toBeUndefined();
    expect(history.get(8)?.record.key).toBe('k8');
    expect(history.after(8).map((k) => k.seq)).toEqual([9, 10]);
    expect(history.after(10)).toEqual([]);
    expect(history.after(99)).toEqual([]);
  });

  it('holds its evidence out of JSON', () => {
    const history = new RequestHistory(2);
    const kept = history.add(record(1), new RequestEvidence('http', '/b/k?x-oss-signature=abcdef0123456789', [['Authorization', 'secret-ish']], 0, undefined));
    expect(JSON.stringify(kept)).not.toContain('abcdef0123456789');
    expect(JSON.stringify(kept)).not.toContain('secret-ish');
  });
});
