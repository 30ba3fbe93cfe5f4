/**
 * Values and bounds OSS sets for request options, shared by the function
 * that signs them (OSSDUCK_PRESIGN) and the emulator that checks them.
 */
export const OssLimits = {
  /** x-oss-traffic-limit, bit/s: 100 KB/s. */
  minTrafficLimit: 819_200,
  /** x-oss-traffic-limit, bit/s: 100 MB/s. */
  maxTrafficLimit: 838_860_800,
  storageClasses: ['Standard', 'IA', 'Archive', 'ColdArchive', 'DeepColdArchive'] as readonly string[],
  objectAcls: ['default', 'private', 'public-read', 'public-read-write'] as readonly string[],
} as const;
