/** ReplayOss on a thread of its own, so that serving replies takes nothing from the bench's thread: `{ target, latencyMs }` in, its URL out; 'replay' switches it, 'close' ends it. */
import { parentPort, workerData } from 'node:worker_threads';
import { ReplayOss } from './ReplayOss.js';

const { target, latencyMs } = workerData as { target: string; latencyMs: number };
const replay = await ReplayOss.start(target, latencyMs);
parentPort!.on('message', (message: string) => {
  if (message === 'replay') {
    replay.replay();
    parentPort!.postMessage({ replaying: replay.size });
  } else if (message === 'close') void replay.close().then(() => parentPort!.close());
});
parentPort!.postMessage({ url: replay.url });
