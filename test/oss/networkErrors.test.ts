import { describe, expect, it } from 'vitest';
import { openOssduck, OssduckError } from '../../src/index.js';
import { networkCause } from '../../src/oss/OssClient.js';

describe('networkCause', () => {
  it("keeps the socket's error and drops what ali-oss appends", () => {
    const refused =
      'connect ECONNREFUSED 127.0.0.1:1, GET http://127.0.0.1:1/?list-type=2&prefix=x%2F -1 (connected: false, keepalive socket: false, agent status: {"createSocketCount":1})';
    expect(networkCause(-1, refused)).toBe('connect ECONNREFUSED 127.0.0.1:1');
    expect(networkCause(-1, 'getaddrinfo ENOTFOUND bkt.nosuchhost.invalid, GET http://bkt.nosuchhost.invalid/ -1 (connected: false)')).toBe(
      'getaddrinfo ENOTFOUND bkt.nosuchhost.invalid',
    );
    expect(networkCause(undefined, 'ResponseTimeoutError: Response timeout for 60000ms, GET http://h/k -1')).toBe('ResponseTimeoutError: Response timeout for 60000ms');
  });

  it('is undefined for an answer from OSS', () => {
    expect(networkCause(403, 'The request signature we calculated does not match')).toBeUndefined();
    expect(networkCause(undefined, 'something else went wrong')).toBeUndefined();
  });
});

describe('an OSS or STS that cannot be reached', () => {
  const credentials = { accessKeyId: 'LTAI5tNetworkTest', accessKeySecret: 'network-test-secret' };

  const failure = async (sql: string): Promise<OssduckError> => {
    const duck = await openOssduck({ credentials, ossEndpoint: 'http://127.0.0.1:1', stsEndpoint: 'http://127.0.0.1:1' });
    try {
      await duck.run(sql);
    } catch (error) {
      return error as OssduckError;
    } finally {
      await duck.close();
    }
    throw new Error('the statement succeeded');
  };

  const TABLE = "USE net_project; CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/bkt/x/'";

  it('REFRESH METADATA and GET_DATA_FROM_OSS say which OSS could not be reached and why, in one line', async () => {
    const refresh = await failure(`${TABLE}; ALTER TABLE t REFRESH METADATA;`);
    expect(refresh.format()).toBe(
      'FAILED: ODPS-0130025:[1,106] Failed to I/O - listing oss://bkt/x/ failed: cannot reach OSS at http://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1',
    );
    const data = await failure(`${TABLE}; SELECT GET_DATA_FROM_OSS('net_project.default.t', 'k');`);
    expect(data.detail).toBe('GET_DATA_FROM_OSS: reading oss://bkt/x/k failed: cannot reach OSS at http://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1');
  });

  it('AssumeRole says which STS could not be reached and why', async () => {
    const sts = await failure(
      `${TABLE.replace(' t ', ' r ')} WITH SERDEPROPERTIES ('odps.properties.rolearn'='acs:ram::1234567890123456:role/r'); SELECT GET_SIGNED_URL_FROM_OSS('net_project.default.r', 'k');`,
    );
    expect(sts.detail).toBe('STS AssumeRole of acs:ram::1234567890123456:role/r failed: cannot reach STS at http://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1');
    expect(sts.format()).not.toContain('network-test-secret');
  });
});

describe('OssduckError.format', () => {
  it('is one line whatever the detail holds', () => {
    const error = new OssduckError('invalidArgument', 'value "a\nb\r\nc" is not allowed');
    expect(error.format()).toBe('FAILED: ODPS-0121095:Invalid arguments - value "a\\nb\\nc" is not allowed');
  });
});
