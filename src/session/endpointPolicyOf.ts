import { ALIBABA_CLOUD_ENDPOINTS, EndpointPolicy } from '../oss/EndpointPolicy.js';
import type { OssRouting } from '../oss/OssRouting.js';
import type { Settings } from './Settings.js';

let cached: { key: string; policy: EndpointPolicy } | undefined;

/**
 * The endpoints ossduck's own requests may reach now: in sandbox mode,
 * Alibaba Cloud's endpoints, `ossduck.allowed_endpoints` and the routes the
 * operator gave (the OSS and STS origins, the embedded local OSS); outside
 * it, `ossduck.allowed_endpoints` with the routes when it is set, else any.
 * SQL never adds to the list: routes are set when ossduck starts, and in
 * sandbox mode the setting is fixed then.
 */
export function endpointPolicyOf(settings: Settings, routing: OssRouting): EndpointPolicy {
  const list = settings.get('ossduck.allowed_endpoints') ?? '';
  const routed = [routing.oss, routing.sts].flatMap((o) => (o ? [o.host] : []));
  const sandbox = settings.sandbox;
  const key = `${sandbox}\u0000${list}\u0000${routed.join(',')}`;
  if (cached?.key === key) return cached.policy;
  let policy: EndpointPolicy;
  if (sandbox) policy = EndpointPolicy.only([ALIBABA_CLOUD_ENDPOINTS, list, ...routed], 'sandbox mode');
  else if (list.trim() !== '') policy = EndpointPolicy.only([list, ...routed], 'ossduck.allowed_endpoints');
  else policy = EndpointPolicy.anywhere();
  cached = { key, policy };
  return policy;
}
