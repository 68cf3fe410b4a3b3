import { describe, expect, it } from 'vitest';
import { formatLabError, validateLab } from '../../validate.ts';
import { parseLabScript } from '../../script/parse.ts';
import { replayLabScript } from '../../script/replay.ts';
import { SEED_LABS } from './index.ts';

/** Commands of the seeds that fail on the seeds' own hosts too (or need a running lab). */
const EXPECTED_FAILURES = [
  /^systemctl (stop|disable) firewalld/,
  /^iptables -F ;setenf orce 0$/,
  /^grep -i -C 10 "ipvs" \/boot\//,
  /^(curl|ping) /,
  /^tcpdump /,
  /^ip route add default via 192\.168\.122\.10$/,
  // Seed 000 §3.(2)'s module loop with $1: its last modinfo, given no module, fails (exit 1).
  /^for i in .*do echo \$1;/,
];

describe('the seeds\' lab scripts', () => {
  for (const lab of SEED_LABS) {
    it(`${lab.id} parses, configures a valid lab, and fails only where the seed does`, () => {
      const parsed = parseLabScript(lab.script);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const { doc, failures } = replayLabScript(parsed.script);
      const v = validateLab(doc);
      if (!v.ok) throw new Error(v.errors.map(formatLabError).join('; '));
      const unexpected = failures.filter((f) => !EXPECTED_FAILURES.some((re) => re.test(f.command)));
      expect(unexpected).toEqual([]);
      expect(validateLab(lab.doc).ok).toBe(true);
      expect(lab.doc.title.en).toMatch(/^Seed 00[03] /);
      expect(lab.doc.description.zh).not.toBe('');
      expect(lab.doc.scenario.length).toBeGreaterThan(0);
    });
  }
});
