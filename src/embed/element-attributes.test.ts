import { describe, expect, it } from 'vitest';
import { frameHeight, frameUrl } from './element-attributes.ts';

describe('<lvs-lab> attributes', () => {
  it('make the frame page\'s fragment, DR by default', () => {
    const page = 'https://docs.example/lab/embed.html';
    expect(frameUrl(page, {})).toBe(`${page}#lab=dr`);
    expect(frameUrl(page, { lab: 'tun', seed: '4', lang: 'zh' })).toBe(`${page}#lab=tun&seed=4&lang=zh`);
    expect(frameUrl(page, { lab: '1.7Vjd-b_9', seed: null })).toBe(`${page}#lab=1.7Vjd-b_9`);
    // autoplay is a boolean attribute: present, even empty, means yes.
    expect(frameUrl(page, { lab: 'nat', autoplay: '', speed: '2' })).toBe(`${page}#lab=nat&play=1&speed=2`);
    expect(frameUrl(page, { lab: 'nat', autoplay: null })).toBe(`${page}#lab=nat`);
  });

  it('read a bare number as pixels and pass any other length on', () => {
    expect(frameHeight(null)).toBe('560px');
    expect(frameHeight('480')).toBe('480px');
    expect(frameHeight(' 480 ')).toBe('480px');
    expect(frameHeight('70vh')).toBe('70vh');
  });
});
