import { done, fail, type Command } from '../command.ts';
import { Output } from '../output.ts';
import { tryHelp } from './files.ts';
import { getoptLong, type LongOption } from './getopt-long.ts';
import { parseSet, setBytes, type SetElement } from './tr-sets.ts';

/**
 * coreutils 8.22's tr [-c|-C] [-d] [-s] [-t] SET1 [SET2] on stdin's bytes: translate SET1 to SET2
 * (SET2 padded with its last byte, or cut to SET1 with -t), delete (-d), squeeze runs (-s: of
 * SET1, or of SET2 when translating or after deleting), -c taking SET1's complement in byte order.
 * Options end at the first operand (optstring `+AcCdst`). Bytes that no longer form UTF-8 after
 * deleting show as U+FFFD.
 */

const LONG: readonly LongOption[] = [
  { name: 'complement', key: 'c', value: 'none' },
  { name: 'delete', key: 'd', value: 'none' },
  { name: 'squeeze-repeats', key: 's', value: 'none' },
  { name: 'truncate-set1', key: 't', value: 'none' },
  { name: 'help', key: '--help', value: 'none' },
  { name: 'version', key: '--version', value: 'none' },
];

const N_CHARS = 256;
const byteSet = (bytes: readonly number[], complement: boolean): boolean[] => {
  const members = Array<boolean>(N_CHARS).fill(complement);
  for (const b of bytes) members[b] = !complement;
  return members;
};

/** validate() for translation: SET2's bytes lined up with SET1's domain, or tr's message. */
function translationTarget(s1: readonly SetElement[], s2: readonly SetElement[], domainLength: number, complement: boolean, truncate: boolean): number[] | string {
  if (s2.some((e) => e.equivalence)) return 'tr: [=c=] expressions may not appear in string2 when translating\n';
  if (s2.some((e) => e.charClass !== undefined && e.charClass !== 'upper' && e.charClass !== 'lower')) {
    return "tr: when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'\n";
  }
  const fixed = s2.filter((e) => !e.fill).reduce((n, e) => n + e.bytes.length, 0);
  const fill = Math.max(0, domainLength - fixed);
  const target = s2.flatMap((e) => (e.fill ? Array<number>(fill).fill(e.bytes[0]!) : e.bytes));
  if (domainLength > target.length && !truncate) {
    if (target.length === 0) return 'tr: when not truncating set1, string2 must be non-empty\n';
    target.push(...Array<number>(domainLength - target.length).fill(target[target.length - 1]!));
  }
  if (complement && s1.some((e) => e.charClass !== undefined) && !(target.length === domainLength && target.every((b) => b === target[0]))) {
    return 'tr: when translating with complemented character classes,\nstring2 must map all characters in the domain to one\n';
  }
  // validate_case_classes: a case class in SET2 starts where a case class starts in SET1.
  const classStarts = (set: readonly SetElement[]): Map<number, string | undefined> => {
    const starts = new Map<number, string | undefined>();
    let at = 0;
    for (const e of set) {
      starts.set(at, e.charClass);
      at += e.fill ? fill : e.bytes.length;
    }
    return starts;
  };
  const starts1 = classStarts(s1);
  for (const [at, cls] of classStarts(s2)) {
    const c1 = starts1.get(at);
    if ((cls === 'upper' || cls === 'lower') && at < domainLength && c1 !== 'upper' && c1 !== 'lower') {
      return 'tr: misaligned [:upper:] and/or [:lower:] construct\n';
    }
  }
  return target;
}

export const tr: Command = (io) => {
  const parsed = getoptLong('tr', io.argv.slice(1), { short: 'AcCdst', long: LONG, operandEndsOptions: true });
  if (!parsed.ok) return fail(parsed.message);
  let complement = false;
  let deleting = false;
  let squeezing = false;
  let truncate = false;
  for (const { key } of parsed.options) {
    if (key.startsWith('--')) return fail(`lab: tr ${key} is not simulated\n`);
    if (key === 'c' || key === 'C') complement = true;
    else if (key === 'd') deleting = true;
    else if (key === 's') squeezing = true;
    else if (key === 't') truncate = true;
  }
  const operands = parsed.operands;
  const translating = operands.length === 2 && !deleting;
  const minOperands = deleting === squeezing ? 2 : 1;
  const maxOperands = deleting && !squeezing ? 1 : 2;
  if (operands.length < minOperands) {
    if (operands.length === 0) return fail(`tr: missing operand\n${tryHelp('tr')}`);
    const why = squeezing ? 'Two strings must be given when both deleting and squeezing repeats.' : 'Two strings must be given when translating.';
    return fail(`tr: missing operand after ‘${operands[operands.length - 1]}’\n${why}\n${tryHelp('tr')}`);
  }
  if (operands.length > maxOperands) {
    const why = operands.length === 2 ? 'Only one string may be given when deleting without squeezing repeats.\n' : '';
    return fail(`tr: extra operand ‘${operands[maxOperands]}’\n${why}${tryHelp('tr')}`);
  }

  const out = new Output();
  const sets: SetElement[][] = [];
  for (const operand of operands) {
    const set = parseSet(operand);
    if (typeof set === 'string') return done(out.err(set), 1);
    out.err(set.warnings);
    sets.push([...set.elements]);
  }
  const [s1 = [], s2] = sets;
  if (s1.some((e) => e.fill)) return done(out.err('tr: the [c*] repeat construct may not appear in string1\n'), 1);
  if (s2 && s2.filter((e) => e.fill).length > 1) return done(out.err('tr: only one [c*] repeat construct may appear in string2\n'), 1);
  if (s2 && !translating && s2.some((e) => e.fill)) return done(out.err('tr: the [c*] construct may appear in string2 only when translating\n'), 1);

  const bytes1 = setBytes(s1);
  const in1 = byteSet(bytes1, complement);
  const xlate = Array.from({ length: N_CHARS }, (_, i) => i);
  if (translating) {
    const domain = complement ? xlate.filter((b) => in1[b]) : bytes1;
    const target = translationTarget(s1, s2!, domain.length, complement, truncate);
    if (typeof target === 'string') return done(out.err(target), 1);
    domain.forEach((b, k) => {
      if (k < target.length) xlate[b] = target[k]!;
    });
  }
  const deleteSet = deleting ? in1 : undefined;
  const squeezeSet = !squeezing ? undefined : operands.length === 1 ? in1 : byteSet(setBytes(s2!), false);

  const input = new TextEncoder().encode(io.stdin ?? '');
  const result: number[] = [];
  for (const b of input) {
    if (deleteSet?.[b]) continue;
    const c = xlate[b]!;
    if (squeezeSet?.[c] && result[result.length - 1] === c) continue;
    result.push(c);
  }
  out.out(new TextDecoder().decode(new Uint8Array(result)));
  return done(out, 0);
};
