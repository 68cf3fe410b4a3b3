import { describe, expect, it } from 'vitest';
import { BUILTIN_LABS, builtinLab } from './index.ts';
import { BUILTIN_LAB_MENU, builtinLabAtHand, loadBuiltinLab } from './menu.ts';

describe('the lab menu', () => {
  it('lists every built-in lab by its title, in order', () => {
    expect(BUILTIN_LAB_MENU).toEqual(BUILTIN_LABS.map((l) => ({ id: l.id, title: l.doc.title })));
  });

  it('has the DR lab at hand and loads the others on demand', async () => {
    expect(builtinLabAtHand('dr')).toBe(builtinLab('dr'));
    expect(builtinLabAtHand('nat')).toBeUndefined();
    expect(builtinLabAtHand('seed000-dr')).toBeUndefined();
    expect(await loadBuiltinLab('tun')).toBe(builtinLab('tun'));
    expect(builtinLabAtHand('nat')).toBe(builtinLab('nat'));
    expect(await loadBuiltinLab('seed000-dr')).toEqual(builtinLab('seed000-dr'));
    expect(builtinLabAtHand('seed003-dr-verbatim')).toEqual(builtinLab('seed003-dr-verbatim'));
    expect(await loadBuiltinLab('no-such-lab')).toBeUndefined();
  });
});
