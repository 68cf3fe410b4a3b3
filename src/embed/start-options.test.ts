import { describe, expect, it } from 'vitest';
import { readStartOptions } from './start-options.ts';

describe('an embedded lab\'s start options', () => {
  it('read play=1 and a speed from 0.1 to 10', () => {
    expect(readStartOptions('#lab=dr&play=1&speed=2.5')).toEqual({ options: { play: true, speed: 2.5 }, problems: [] });
    expect(readStartOptions('#lab=dr')).toEqual({ options: { play: false, speed: undefined }, problems: [] });
  });

  it.each(['0', '11', 'fast', '', 'NaN'])('leave out speed=%j and say why', (speed) => {
    expect(readStartOptions(`lab=dr&speed=${speed}`)).toEqual({
      options: { play: false, speed: undefined },
      problems: [`speed: "${speed}" is not a number from 0.1 to 10; the lab plays at 1×`],
    });
  });
});
