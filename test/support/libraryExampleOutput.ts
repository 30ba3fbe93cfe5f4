import { Credentials } from '../../src/oss/Credentials.js';
import { Presigner } from '../../src/oss/signing/Presigner.js';

/** What the README's library example prints: each key and the URL ossduck signs for it, as the official SDKs would. */
export function libraryExampleOutput(): string {
  const presigner = new Presigner({
    version: 'v4',
    credentials: new Credentials({ accessKeyId: 'LTAI5tExampleKeyId', accessKeySecret: 'example-secret' }),
    method: 'GET',
    bucket: 'examplebucket',
    signTime: Date.UTC(2026, 10, 23, 12) / 1000,
    expiresIn: 600,
    region: 'cn-hangzhou',
    product: 'oss',
    address: { scheme: 'https', host: 'oss-cn-hangzhou-internal.aliyuncs.com', style: 'virtual' },
  });
  return `a.pdf ${presigner.url('docs/a.pdf')}\nb.pdf ${presigner.url('docs/b.pdf')}\n`;
}
