import { describe, expect, it } from 'vitest';
import { Credentials, openOssduck } from '../src/index.js';

const SQL = `USE lib_project; CREATE OBJECT TABLE docs LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/docs/';
  SELECT GET_SIGNED_URL_FROM_OSS('lib_project.default.docs', 'a.pdf') AS url`;

describe('openOssduck credentials', () => {
  it('signs with a Credentials instance as with a plain key pair, and the same URL', async () => {
    const settings = { 'ossduck.signing_time': '2026-11-23T12:00:00Z' };
    const urls: string[] = [];
    for (const credentials of [
      new Credentials({ accessKeyId: 'LTAI5tLibraryKey', accessKeySecret: 'library-secret' }),
      { accessKeyId: 'LTAI5tLibraryKey', accessKeySecret: 'library-secret' },
    ]) {
      const duck = await openOssduck({ credentials, settings });
      try {
        const results = await duck.run(SQL);
        urls.push(String(results.at(-1)!.rows[0]!['url']));
      } finally {
        await duck.close();
      }
    }
    expect(urls[0]).toContain('x-oss-credential=LTAI5tLibraryKey%2F20261123');
    expect(urls[1]).toBe(urls[0]);
  });

  it('refuses a malformed key pair, naming the field and never the value', async () => {
    const open = openOssduck({ credentials: { accessKeyId: '', accessKeySecret: 'never-shown-secret' } });
    await expect(open).rejects.toThrow(/accessKeyId is not a non-empty string/);
    await expect(open).rejects.not.toThrow(/never-shown-secret/);
  });
});
