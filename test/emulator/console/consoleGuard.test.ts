import type { IncomingMessage } from 'node:http';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allowedHosts, consoleGuardProblem } from '../../../src/emulator/console/consoleGuard.js';

interface Vectors {
  readonly listen: { readonly host: string; readonly port: number };
  readonly cases: readonly { what: string; method: string; headers: Record<string, string>; refused: string | null }[];
}

const vectors = JSON.parse(readFileSync(new URL('../../fixtures/console-guard-vectors.json', import.meta.url), 'utf8')) as Vectors;

describe('consoleGuard', () => {
  const hosts = allowedHosts(vectors.listen.host, vectors.listen.port);

  it('answers to the listening address and, on loopback, to localhost', () => {
    expect(hosts).toEqual(['127.0.0.1:9000', 'localhost:9000']);
    expect(allowedHosts('::1', 8080)).toEqual(['[::1]:8080', 'localhost:8080']);
    expect(allowedHosts('192.168.1.20', 8080)).toEqual(['192.168.1.20:8080']);
  });

  for (const c of vectors.cases) {
    it(`${c.refused === null ? 'lets in' : 'refuses'} ${c.what}`, () => {
      const req = { method: c.method, headers: c.headers } as unknown as IncomingMessage;
      const problem = consoleGuardProblem(req, hosts, c.method === 'POST');
      if (c.refused === null) expect(problem).toBeUndefined();
      else expect(problem).toContain(c.refused);
    });
  }
});
