import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0, 123); // 2026-11-23 20:00:00.123 in Asia/Shanghai

describe('CURRENT_TIMESTAMP, CURRENT_TIMESTAMP() and NOW(): the statement instant, as GETDATE()', () => {
  let session: Session;
  let calls = 0;
  beforeEach(async () => {
    calls = 0;
    session = await Session.open({ clock: () => NOW + 1000 * calls++ });
  });
  afterEach(async () => {
    await session.close();
  });

  it("gives MaxCompute's TIMESTAMP of the statement's instant, written with or without parentheses", async () => {
    const [row] = await textRows(
      session,
      'SELECT CAST(CURRENT_TIMESTAMP AS STRING), CAST(CURRENT_TIMESTAMP() AS STRING), CAST(NOW() AS STRING), typeof(CURRENT_TIMESTAMP()), typeof(NOW())',
    );
    expect(row).toEqual(['2026-11-23 20:00:00.123', '2026-11-23 20:00:00.123', '2026-11-23 20:00:00.123', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP WITH TIME ZONE']);
  });

  it('follows SET ossduck.signing_time, as GETDATE() and the signer do, and the clock again when it is cleared', async () => {
    const [fixed] = await textRows(
      session,
      'SET ossduck.signing_time=2026-01-01T00:00:00Z; SELECT CAST(CURRENT_TIMESTAMP AS STRING), CAST(NOW() AS STRING), CAST(CURRENT_TIMESTAMP() AS STRING), CAST(GETDATE() AS STRING)',
    );
    expect(fixed).toEqual(['2026-01-01 08:00:00', '2026-01-01 08:00:00', '2026-01-01 08:00:00', '2026-01-01 08:00:00']);
    const [cleared] = await textRows(session, 'SET ossduck.signing_time=; SELECT CURRENT_TIMESTAMP > TIMESTAMP \'2026-11-23 20:00:00\', NOW() = CURRENT_TIMESTAMP');
    expect(cleared).toEqual(['true', 'true']);
  });

  it('is one instant for every row of a statement and moves on with the next statement', async () => {
    const [first] = await textRows(session, 'SELECT count(DISTINCT CURRENT_TIMESTAMP), count(DISTINCT NOW()), CAST(min(NOW()) AS STRING) FROM range(5000)');
    expect(first!.slice(0, 2)).toEqual(['1', '1']);
    const [second] = await textRows(session, 'SELECT CAST(NOW() AS STRING)');
    expect(second![0]).not.toBe(first![2]);
  });

  it('is the statement instant inside a view that writes it without parentheses', async () => {
    const [row] = await textRows(
      session,
      "CREATE TEMP VIEW stamped AS SELECT CURRENT_TIMESTAMP AS stamp; SET ossduck.signing_time=2026-01-01T00:00:00Z; SELECT stamp = TIMESTAMP '2026-01-01 08:00:00' FROM stamped",
    );
    expect(row).toEqual(['true']);
  });

  it('refuses an argument, naming the call', async () => {
    const failure = await failureOf(session, 'SELECT CURRENT_TIMESTAMP(1)');
    expect(failure.message).toMatch(/CURRENT_TIMESTAMP needs 0 parameters, actually have 1/);
  });
});
