import { afterAll, beforeAll } from 'vitest';
import { Session } from '../../src/session/Session.js';

/** A Session opened before the tests of the describe block it is called in and closed after them; call the result for it. */
export function suiteSession(open: () => Promise<Session> = () => Session.open()): () => Session {
  let session: Session | undefined;
  beforeAll(async () => {
    session = await open();
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (session === undefined) throw new Error('the suite session is opened in beforeAll');
    return session;
  };
}
