/**
 * strcoll() in CentOS 7's en_US.UTF-8 (glibc 2.17), which root's LANG selects, for ASCII text.
 * en_US copies iso14651_t1, whose table (localedata/locales/iso14651_t1_common before glibc 2.28)
 * gives each character four weights, compared level by level over the whole string:
 *   1. digits 0-9, then letters a-z with case ignored; punctuation, spaces and control characters
 *      are IGNORE here, so `a-c` sorts after `ab` and `a b` next to `ab`;
 *   2. accents (<BAS> for every ASCII letter and digit: no ASCII difference);
 *   3. case: <MIN> (lower case, digits) before <CAP>, so `a` < `A` < `b`;
 *   4. `forward,position`: only the ignored characters weigh, in the table's order
 *      (` ^ ~ < = > | first — their weights are the symbols <1> <3> <8> <d> <f> <h> <j>, which come
 *      before the SPECIAL section — then space _ - , ; : ! ? / . ' " ( ) [ ] { } @ $ * \ & # % +,
 *      then the control characters), and an ignored character earlier in the string weighs less
 *      (`position`: strcoll_l.c compares how many characters were skipped before each one).
 * Every ASCII character differs from every other at some level, so only equal strings collate
 * equal. Characters beyond ASCII are not in this model: they sort after z at level 1 by code point.
 */

const LEVEL1 = '0123456789abcdefghijklmnopqrstuvwxyz';
const CONTROLS = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('');
const LEVEL4 = `\`^~<=>| _-,;:!?/.'"()[]{}@$*\\&#%+${CONTROLS}\x7f`;
const ABOVE_ASCII = 1000;

/** A string's weights at levels 1, 3 and 4 (4 as pairs: characters skipped before it + 1, weight). */
interface CollationKey {
  readonly primary: readonly number[];
  readonly tertiary: readonly number[];
  readonly special: readonly (readonly [number, number])[];
}

function collationKey(s: string): CollationKey {
  const primary: number[] = [];
  const tertiary: number[] = [];
  const special: [number, number][] = [];
  let skipped = 0;
  for (const ch of s) {
    const lower = ch.toLowerCase();
    const p = ch.charCodeAt(0) < 128 ? LEVEL1.indexOf(lower) : -1;
    const s4 = LEVEL4.indexOf(ch);
    if (p >= 0 || (s4 < 0 && ch.codePointAt(0)! >= 128)) {
      primary.push(p >= 0 ? p : ABOVE_ASCII + ch.codePointAt(0)!);
      tertiary.push(ch !== lower ? 1 : 0);
      skipped++;
    } else {
      special.push([skipped + 1, s4 < 0 ? LEVEL4.length : s4]);
      skipped = 0;
    }
  }
  return { primary, tertiary, special };
}

/** Compares two weight lists; a list that ends first is smaller. */
function compareWeights(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** strcoll(a, b) in en_US.UTF-8 for ASCII strings: negative, zero or positive. */
export function collate(a: string, b: string): number {
  if (a === b) return 0;
  const ka = collationKey(a);
  const kb = collationKey(b);
  const byLetters = compareWeights(ka.primary, kb.primary) || compareWeights(ka.tertiary, kb.tertiary);
  if (byLetters !== 0) return byLetters;
  const n = Math.min(ka.special.length, kb.special.length);
  for (let i = 0; i < n; i++) {
    const [pa, wa] = ka.special[i]!;
    const [pb, wb] = kb.special[i]!;
    if (pa !== pb) return pa - pb;
    if (wa !== wb) return wa - wb;
  }
  return ka.special.length - kb.special.length || (a < b ? -1 : 1);
}
