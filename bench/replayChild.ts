// ReplayOss in a process of its own (bench/refreshCpu.ts), so that its CPU is not the client's:
// prints `url <url>`, switches to replaying on a `replay` line (answering `replaying <count>`).
import { ReplayOss } from './ReplayOss.js';

const replay = await ReplayOss.start(process.argv[2]!, 0);
process.stdout.write(`url ${replay.url}\n`);
process.stdin.setEncoding('utf8').on('data', (line: string) => {
  if (line.includes('replay')) {
    replay.replay();
    process.stdout.write(`replaying ${replay.size}\n`);
  }
});
process.on('SIGTERM', () => void replay.close().then(() => process.exit(0)));
