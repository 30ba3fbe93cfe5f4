import type { ReadLimits } from '../oss/bridge/BridgeProtocol.js';
import { SETTINGS } from './settingSpecs.js';

/** The most body bytes one worker call holds (one body alone is always let in, up to `ossduck.get_data.max_bytes`). */
const HELD_BYTES = 128 * 1024 * 1024;

/** The read limits the settings give; `get` answers undefined for a setting left at its default. */
export function readLimitsOf(get: (key: string) => string | undefined): ReadLimits {
  const number = (key: string): number => Number(get(key) ?? SETTINGS.find((s) => s.key === key)!.defaultValue);
  const maxBytes = number('ossduck.get_data.max_bytes');
  return {
    maxBytes,
    concurrency: number('ossduck.oss.max_concurrency'),
    connectTimeoutMs: number('ossduck.oss.connect_timeout_ms'),
    readTimeoutMs: number('ossduck.oss.read_timeout_ms'),
    heldBytes: HELD_BYTES,
  };
}
