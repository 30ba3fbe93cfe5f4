import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OSS from 'ali-oss';
import { describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { EmbeddedOss } from '../../src/session/EmbeddedOss.js';
import { Session } from '../../src/session/Session.js';
import { firstValue } from '../support/sessionProbe.js';

const STS = { accessKeyId: 'STS.NUh5vDv6aRvBkT6KsWnhVDkLr', accessKeySecret: 'url-form-secret', securityToken: 'CAIS-url-form-token+/=' };
const NOW = Date.UTC(2026, 10, 23, 12);

/** ossduck.url.form=maxcompute: the URLs MaxCompute's documentation shows. */
describe('MaxCompute URL form', () => {
  it("writes MaxCompute's shape: http, V1, the STS token, and '/' in the object name as %2F", async () => {
    const session = await Session.open({ credentials: new StaticCredentialSource(new Credentials(STS)), clock: () => NOW, routing: {} });
    try {
      await session.run(`SET ossduck.url.form=maxcompute; USE url_form;
        CREATE OBJECT TABLE ot LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/object-table-test/object_table_folder/'`);
      const url = String(await firstValue(session, "SELECT GET_SIGNED_URL_FROM_OSS('url_form.default.ot', 'signedget.txt')"));
      const expires = Math.floor(NOW / 1000) + 3600;
      expect(url).toMatch(
        new RegExp(
          `^http://object-table-test\\.oss-cn-hangzhou-internal\\.aliyuncs\\.com/object_table_folder%2Fsignedget\\.txt\\?Expires=${expires}&OSSAccessKeyId=STS\\.NUh5vDv6aRvBkT6KsWnhVDkLr&Signature=[A-Za-z0-9%]+&security-token=CAIS-url-form-token%2B%2F%3D$`,
        ),
      );
      // The signature is the one the official SDK computes for the object (V1 signs the name, not its spelling in the URL).
      const client = new OSS({ region: 'oss-cn-hangzhou-internal', ...STS, stsToken: STS.securityToken, bucket: 'object-table-test', secure: false } as OSS.Options);
      const original = Date.now;
      Date.now = () => NOW;
      let reference: string;
      try {
        reference = client.signatureUrl('object_table_folder/signedget.txt', { expires: 3600 });
      } finally {
        Date.now = original;
      }
      expect(new URL(url).searchParams.get('Signature')).toBe(new URL(reference).searchParams.get('Signature'));
      expect(String(await firstValue(session, "SELECT GET_SIGNED_URL_FROM_OSS('url_form.default.ot', 'a/b c.txt', 600, 'PUT')"))).toContain('/object_table_folder%2Fa%2Fb%20c.txt?Expires=');
    } finally {
      await session.close();
    }
  });

  it('gives URLs the local OSS accepts, GET and PUT', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ossduck-url-form-'));
    mkdirSync(join(root, 'object-table-test', 'object_table_folder'), { recursive: true });
    writeFileSync(join(root, 'object-table-test', 'object_table_folder', 'signedget.txt'), 'test maxcompute download files by url');
    const oss = new EmbeddedOss({ root });
    const session = await Session.open({ credentials: oss, routing: () => oss.routing, closeWith: oss });
    try {
      await session.run(`SET ossduck.url.form=maxcompute;
        CREATE OBJECT TABLE ot LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/object-table-test/object_table_folder/'`);
      const get = String(await firstValue(session, "SELECT GET_SIGNED_URL_FROM_OSS('default_project.default.ot', 'signedget.txt')"));
      expect(get).toContain('/object_table_folder%2Fsignedget.txt?Expires=');
      const got = await fetch(get);
      expect([got.status, await got.text()]).toEqual([200, 'test maxcompute download files by url']);
      const put = String(await firstValue(session, "SELECT GET_SIGNED_URL_FROM_OSS('default_project.default.ot', 'in/new.csv', 600, 'PUT')"));
      const stored = await fetch(put, { method: 'PUT', body: new TextEncoder().encode('a,b\n') });
      expect(stored.status).toBe(200);
      const back = await fetch(String(await firstValue(session, "SELECT GET_SIGNED_URL_FROM_OSS('default_project.default.ot', 'in/new.csv')")));
      expect(await back.text()).toBe('a,b\n');
    } finally {
      await session.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
