/**
 * Runs the OSS emulator on a worker thread for EmbeddedOss. The main thread
 * blocks while DuckDB runs ossduck's synchronous functions (GET_DATA_FROM_OSS
 * waits for the OSS worker), so an emulator on the main thread could not
 * answer them; on its own thread it always can.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { OssEmulator } from './OssEmulator.js';

const options = workerData as { root: string; accessKeyId: string; accessKeySecret: string };

OssEmulator.start({ root: options.root, accessKeyId: options.accessKeyId, accessKeySecret: options.accessKeySecret, port: 0 }).then(
  (emulator) => {
    parentPort!.postMessage({ ok: true, ossUrl: emulator.ossUrl, stsUrl: emulator.stsUrl });
    parentPort!.on('message', (message: { stop?: boolean }) => {
      if (message.stop) void emulator.close().then(() => parentPort!.postMessage({ stopped: true }));
    });
  },
  (error: unknown) => {
    parentPort!.postMessage({ ok: false, message: String((error as Error)?.message ?? error) });
  },
);
