/** The kinds of data processing `x-oss-process` names (IMG, video snapshots, IMM documents, named styles, ...). */
export const PROCESS_KINDS: readonly string[] = ['image', 'video', 'audio', 'doc', 'style', 'hls'];

export const PROCESS_HELP =
  `allowed: <kind>/<action>[,<parameter>...][/<action>...] with kind ${PROCESS_KINDS.join(', ')}, ` +
  'e.g. image/resize,w_100/quality,q_80, or style/<style name>';

const ACTION = /^[a-z][a-z0-9-]*$/;
const PARAMETER = /^[^\s,/|]+$/;
const STYLE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Why `value` is not an `x-oss-process` a GET can carry, or undefined when it
 * reads as one: `image/resize,w_100/quality,q_80`, `video/snapshot,t_1000`,
 * `style/thumbnail`. Only the syntax is checked, not that OSS knows the
 * action; `|sys/saveas` (which OSS runs as a POST) is refused.
 */
export function ossProcessProblem(value: string): string | undefined {
  const slash = value.indexOf('/');
  const kind = slash < 0 ? value : value.slice(0, slash);
  if (!PROCESS_KINDS.includes(kind)) return `'${kind}' is not a processing kind; ${PROCESS_HELP}`;
  if (value.includes('|')) return `a pipeline ('|', as in |sys/saveas) runs as a POST request, not in a URL; ${PROCESS_HELP}`;
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (rest === '') return `it names no action after '${kind}/'; ${PROCESS_HELP}`;
  if (kind === 'style') return STYLE_NAME.test(rest) ? undefined : `'${rest}' is not a style name (1 to 64 letters, digits, '.', '_' or '-')`;
  for (const operation of rest.split('/')) {
    const [action = '', ...parameters] = operation.split(',');
    if (!ACTION.test(action)) return `'${operation}' does not start with an action name such as resize; ${PROCESS_HELP}`;
    for (const parameter of parameters) {
      if (!PARAMETER.test(parameter)) return `'${operation}' has an empty or malformed parameter; ${PROCESS_HELP}`;
    }
  }
  return undefined;
}
