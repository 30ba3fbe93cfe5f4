import { isIP } from 'node:net';
import { hostName, needsPathStyle, scopeOfEndpoint } from '../OssEndpoint.js';
import { bucketNameProblem } from '../OssLocation.js';
import type { PresignedUrl } from './PresignedUrl.js';

const OSS_HOST = /(?:^|\.)aliyuncs\.com$/;

function isOssHost(host: string): boolean {
  return scopeOfEndpoint(host) !== undefined || OSS_HOST.test(hostName(host));
}

/** Bucket, key and addressing style of a URL's host and raw path. */
export function locatePresignedUrl(
  host: string,
  path: string,
  bucketOption: string | undefined,
): Pick<PresignedUrl, 'style' | 'bucket' | 'bucketFrom' | 'key' | 'hostScope'> {
  const name = hostName(host);
  const pathStyle = (): Pick<PresignedUrl, 'bucket' | 'bucketFrom' | 'key'> => {
    const rest = path.slice(1);
    if (rest === '') return { bucket: undefined, bucketFrom: undefined, key: undefined };
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const key = slash < 0 ? '' : rest.slice(slash + 1);
    return { bucket, bucketFrom: 'path', key: key === '' ? undefined : key };
  };
  const keyOf = (): string | undefined => (path.length > 1 ? path.slice(1) : undefined);
  const dot = name.indexOf('.');
  const label = dot > 0 ? name.slice(0, dot) : '';
  const endpoint = dot > 0 ? host.slice(dot + 1) : '';
  const loopbackName = name === 'localhost' || isIP(name) !== 0;
  if (loopbackName) return { style: 'path', ...pathStyle(), hostScope: undefined };
  const serviceScope = scopeOfEndpoint(host);
  if (serviceScope) return { style: 'path', ...pathStyle(), hostScope: serviceScope };
  // `<bucket>.localhost` is virtual-hosted (as ali-oss writes it and the emulator reads it first).
  const bucketLabel = label !== '' && !label.startsWith('oss-') && bucketNameProblem(label) === undefined;
  if (bucketLabel && (isOssHost(endpoint) || hostName(endpoint) === 'localhost')) {
    return { style: 'virtual', bucket: label, bucketFrom: 'host', key: keyOf(), hostScope: scopeOfEndpoint(endpoint) };
  }
  if (isOssHost(host) || needsPathStyle(host)) return { style: 'path', ...pathStyle(), hostScope: undefined };
  return {
    style: 'cname',
    bucket: bucketOption,
    bucketFrom: bucketOption === undefined ? undefined : 'option',
    key: keyOf(),
    hostScope: undefined,
  };
}
