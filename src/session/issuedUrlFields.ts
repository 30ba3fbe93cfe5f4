/** One field of an audit-log line (a URL a SQL function returned). */
export interface IssuedUrlField {
  readonly name: string;
  /** The JSON type of its value. */
  readonly type: 'string' | 'number' | 'boolean' | 'string or null';
  readonly meaning: string;
  /**
   * Whether `ossduck serve --access-log` has a field of the same name and
   * meaning: the fields the two logs join on.
   */
  readonly inAccessLog: boolean;
}

/**
 * The fields of an audit-log line, in the order written. The line writer,
 * `ossduck audit` and docs/audit.md's table are made from (or checked against)
 * this table.
 */
export const ISSUED_URL_FIELDS: readonly IssuedUrlField[] = [
  { name: 'signedAt', type: 'string', meaning: 'the signing instant, ISO 8601 in UTC (whole seconds, as the URL carries it)', inAccessLog: false },
  {
    name: 'session',
    type: 'string',
    meaning: 'a random id of the ossduck session that signed (16 hex digits): runs appending to one log stay apart',
    inAccessLog: false,
  },
  { name: 'statement', type: 'number', meaning: "the statement's number in its session (1 for the first)", inAccessLog: false },
  { name: 'statementHash', type: 'string', meaning: "SHA-256 of the statement's text as written, in hex", inAccessLog: false },
  { name: 'function', type: 'string', meaning: '`GET_SIGNED_URL_FROM_OSS`, `OSSDUCK_PRESIGN` or `oss_presign_prefix`', inAccessLog: false },
  { name: 'table', type: 'string', meaning: 'the object table, `project.schema.table`', inAccessLog: false },
  { name: 'endpoint', type: 'string', meaning: "the OSS endpoint of the table's LOCATION", inAccessLog: false },
  { name: 'bucket', type: 'string', meaning: 'the bucket', inAccessLog: true },
  { name: 'key', type: 'string', meaning: "the object name in the bucket (the LOCATION's prefix and the key)", inAccessLog: true },
  { name: 'method', type: 'string', meaning: '`GET`, `PUT`, ... as signed', inAccessLog: true },
  { name: 'expiresAt', type: 'string', meaning: 'when the URL stops working, ISO 8601 in UTC', inAccessLog: true },
  { name: 'signatureVersion', type: 'string', meaning: '`v1` or `v4`', inAccessLog: true },
  { name: 'accessKeyId', type: 'string', meaning: 'the AccessKeyId it was signed with (an identifier, not a secret)', inAccessLog: true },
  { name: 'sts', type: 'boolean', meaning: 'whether it carries an STS security token (not recorded)', inAccessLog: true },
  { name: 'roleArn', type: 'string or null', meaning: "the RAM role whose STS credentials signed it (the table's `odps.properties.rolearn`), else `null`", inAccessLog: false },
  {
    name: 'url',
    type: 'string',
    meaning: 'the URL without its signature and security token: it names the object, its parameters, expiry and AccessKeyId, and opens nothing',
    inAccessLog: false,
  },
];
