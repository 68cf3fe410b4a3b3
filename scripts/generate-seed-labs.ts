// Writes the documents the built-in seed lab scripts configure, so the app loads them as data
// without shipping the shell, and their titles for the lab menu (which lists them before any is
// loaded). `src/lab/builtin/seeds/generated.test.ts` fails when they drift.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_LABS } from '../src/lab/builtin/seeds/index.ts';

const dir = join(import.meta.dirname, '../src/lab/builtin/seeds/generated');
for (const lab of SEED_LABS) {
  writeFileSync(join(dir, `${lab.id}.json`), `${JSON.stringify(lab.doc, null, 1)}\n`);
  console.log(`wrote ${lab.id}.json`);
}
writeFileSync(join(dir, 'titles.json'), `${JSON.stringify(SEED_LABS.map((l) => ({ id: l.id, title: l.doc.title })), null, 1)}\n`);
console.log('wrote titles.json');
