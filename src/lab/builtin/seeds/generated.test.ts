import { describe, expect, it } from 'vitest';
import { SEED_LAB_DOCUMENTS } from './documents.ts';
import titles from './generated/titles.json';
import { SEED_LABS } from './index.ts';

describe('the precomputed seed lab documents', () => {
  it('equal what replaying their scripts gives (else run: npx tsx scripts/generate-seed-labs.ts)', () => {
    expect(SEED_LAB_DOCUMENTS.map((l) => l.id)).toEqual(SEED_LABS.map((l) => l.id));
    for (const lab of SEED_LABS) expect(SEED_LAB_DOCUMENTS.find((d) => d.id === lab.id)!.doc).toEqual(lab.doc);
    expect(titles).toEqual(SEED_LABS.map((l) => ({ id: l.id, title: l.doc.title })));
  });
});
