import { describe, expect, it } from 'vitest';
import { ossProcessProblem } from '../../src/oss/ossProcessProblem.js';

describe('ossProcessProblem', () => {
  it.each(['image/resize,w_100', 'image/resize,m_lfit,w_100,h_100/quality,q_80', 'image/format,png', 'image/info', 'video/snapshot,t_1000,f_jpg', 'style/thumb_1', 'image/watermark,text_SGVsbG8gV29ybGQ'])(
    'reads %s',
    (value) => {
      expect(ossProcessProblem(value)).toBeUndefined();
    },
  );

  it.each([
    ['', "'' is not a processing kind"],
    ['pdf/x', "'pdf' is not a processing kind"],
    ['image', "it names no action after 'image/'"],
    ['image/', "it names no action after 'image/'"],
    ['image/Resize,w_1', "'Resize,w_1' does not start with an action name"],
    ['image/resize,,w_1', "'resize,,w_1' has an empty or malformed parameter"],
    ['image/resize,w 1', 'has an empty or malformed parameter'],
    ['image/resize,w_1|sys/saveas,o_x', "a pipeline ('|', as in |sys/saveas) runs as a POST request"],
    ['style/a b', "'a b' is not a style name"],
  ])('refuses %j', (value, problem) => {
    expect(ossProcessProblem(value)).toContain(problem);
  });
});
