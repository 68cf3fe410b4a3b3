import { describe, expect, it } from 'vitest';
import { BUILTIN_LABS } from '../lab/builtin/index.ts';
import { drLab } from '../lab/builtin/dr.ts';
import type { SavedLab } from '../store/persistence.ts';
import { PAGE_LINK_CONTEXT } from '../ui/app/link-context.ts';
import { labLinkFragment, MAX_UNPACKED_BYTES, readLabLink as readWith } from './lab-link.ts';
import { hasLabLink } from './link-check.ts';

const deflate = async (bytes: Uint8Array<ArrayBuffer>) =>
  new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const pack = async (value: unknown) => `lab=1.${base64url(await deflate(new TextEncoder().encode(JSON.stringify(value))))}`;

const readLabLink = (fragment: string) => readWith(fragment, PAGE_LINK_CONTEXT);

const edited: SavedLab = {
  doc: { ...drLab, title: { en: 'My DR lab', zh: '我的 DR 实验' } },
  labId: 'dr',
  seed: 42,
  timeline: [
    { kind: 'traffic', action: { kind: 'curl', node: 'client', url: 'http://192.168.122.188/' } },
    { kind: 'shell', node: 'director', line: 'ipvsadm -Ln' },
  ],
};

describe('lab links', () => {
  it('name a built-in lab as shipped by its id, with the seed only when it differs', async () => {
    expect(await labLinkFragment({ doc: drLab, labId: 'dr', seed: drLab.seed, timeline: [] }, true)).toBe('lab=dr');
    expect(await labLinkFragment({ doc: drLab, labId: 'dr', seed: 7, timeline: [] }, true)).toBe('lab=dr&seed=7');
    expect(await readLabLink('#lab=dr&seed=7')).toEqual({ kind: 'builtin', id: 'dr', seed: 7 });
    expect(await readLabLink('lab=nat')).toEqual({ kind: 'builtin', id: 'nat', seed: undefined });
  });

  it('pack an edited lab with its seed, traffic and console lines, and read it back as it was', async () => {
    const fragment = await labLinkFragment(edited, false);
    expect(fragment).toMatch(/^lab=1\.[A-Za-z0-9_-]+$/);
    expect(await readLabLink(`#${fragment}`)).toEqual({ kind: 'packed', saved: edited });
    // A built-in with traffic is packed too: the traffic is part of what the link opens.
    expect(await labLinkFragment({ ...edited, doc: drLab }, true)).toMatch(/^lab=1\./);
  });

  it('round-trip every built-in lab', async () => {
    for (const { id, doc } of BUILTIN_LABS) {
      const saved: SavedLab = { doc, labId: id, seed: doc.seed, timeline: [] };
      expect(await readLabLink(await labLinkFragment(saved, false)), id).toEqual({ kind: 'packed', saved });
    }
  });

  it('let seed= override a packed lab\'s seed', async () => {
    const link = await readLabLink(`${await labLinkFragment(edited, false)}&seed=9`);
    expect(link.kind === 'packed' && link.saved.seed).toBe(9);
  });

  it('are recognised only by a lab parameter', () => {
    expect(hasLabLink('#lab=dr')).toBe(true);
    expect(hasLabLink('#seed=1&lab=dr')).toBe(true);
    expect(hasLabLink('lab=dr')).toBe(true);
    expect(hasLabLink('#collab=dr')).toBe(false);
    expect(hasLabLink('')).toBe(false);
  });

  it('without a lab are no link', async () => {
    expect(await readLabLink('')).toEqual({ kind: 'none' });
    expect(await readLabLink('#section-2')).toEqual({ kind: 'none' });
  });

  it.each([
    ['#lab=drr', 'lab: "drr" is not a built-in lab (the built-in labs are nat, dr, tun, '],
    ['#lab=dr&lab=nat', 'lab: appears 2 times; a link opens one lab'],
    ['#lab=dr&seed=-1', 'seed: "-1" is not a whole number from 0 to 4294967295'],
    ['#lab=dr&seed=4294967296', 'seed: "4294967296" is not a whole number from 0 to 4294967295'],
    ['#lab=2.AAAA', 'lab: a packed lab of version "2"; this app reads version 1'],
    ['#lab=1.abc$def', 'lab: character 6 ("$") is not base64url (A–Z, a–z, 0–9, - and _); was the link cut or changed?'],
    ['#lab=1.abcde', 'lab: the packed data has 5 characters, which no base64url text has; was the link cut short?'],
    ['#lab=1.AAAA', 'lab: the packed data is damaged or cut short ('],
  ])('refuse %s with where and why', async (fragment, message) => {
    const link = await readLabLink(fragment);
    expect(link.kind).toBe('invalid');
    expect(link.kind === 'invalid' && link.details[0]).toContain(message);
  });

  it('refuse a link cut short', async () => {
    const fragment = await labLinkFragment(edited, false);
    const cut = fragment.slice(0, Math.floor(fragment.length / 2) & ~3);
    const link = await readLabLink(cut);
    expect(link).toMatchObject({ kind: 'invalid' });
    expect(link.kind === 'invalid' && link.details[0]).toMatch(/^lab: the packed data is damaged or cut short/);
  });

  it('refuse packed data that is not JSON, not a lab, or an invalid lab, saying where', async () => {
    const notJson = `lab=1.${base64url(await deflate(new TextEncoder().encode('{nope')))}`;
    expect(await readLabLink(notJson)).toMatchObject({ kind: 'invalid', details: [expect.stringMatching(/^lab: the unpacked data is not JSON \(/)] });
    expect(await readLabLink(await pack([1, 2]))).toEqual({ kind: 'invalid', details: ['lab: the unpacked data is not a lab (an object with doc, seed and timeline)'] });
    expect(await readLabLink(await pack({ ...edited, labId: 'nope' }))).toEqual({ kind: 'invalid', details: ['labId: "nope" is not a built-in lab'] });
    const badAddress = { ...edited, doc: { ...edited.doc, nodes: edited.doc.nodes.map((n, i) => (i === 0 ? { ...n, addresses: [{ dev: 'eth0', address: '192.168.1.300', prefixLength: 24 }] } : n)) } };
    const link = await readLabLink(await pack(badAddress));
    expect(link.kind).toBe('invalid');
    expect(link.kind === 'invalid' && link.details.join('\n')).toMatch(/^doc\.nodes\[0\]\.addresses\[0\]/m);
    expect(await readLabLink(await pack({ ...edited, timeline: [{ kind: 'nope' }] }))).toEqual({ kind: 'invalid', details: ['timeline[0]: is neither traffic nor a shell line'] });
  });

  it('refuse a lab that unpacks past the size limit, without unpacking all of it', async () => {
    const zeros = new Uint8Array(MAX_UNPACKED_BYTES + 1_000_000);
    const fragment = `lab=1.${base64url(await deflate(zeros))}`;
    expect(fragment.length).toBeLessThan(10_000);
    expect(await readLabLink(fragment)).toEqual({ kind: 'invalid', details: [`lab: unpacks to more than ${MAX_UNPACKED_BYTES} bytes; no lab is that large`] });
  });

  it('keep a DR lab link short enough to paste', async () => {
    expect((await labLinkFragment(edited, false)).length).toBeLessThan(4_000);
  });
});
