/**
 * Scheduler flags (`-b`): parse_sched_flags (ipvsadm.c:1290) and print_sched_flags (1785).
 * The kernel keeps three bits; their names depend on the scheduler (sh-fallback is the same bit
 * as mh-fallback and flag-1).
 */
import { SVC_F_SCHED1, SVC_F_SCHED2, SVC_F_SCHED3 } from './types.ts';

/** What parse_sched_flags makes of a `-b` argument. */
export type SchedFlagsParse =
  | { readonly kind: 'flags'; readonly bits: number }
  | { readonly kind: 'fail'; readonly message: string }
  /** strtok found no flag at all (`-b ,`): ipvsadm 1.31 calls strcmp(NULL, …) and crashes. */
  | { readonly kind: 'no-flag' };

/** parse_sched_flags(sched, arg). */
export function parseSchedFlags(scheduler: string, arg: string): SchedFlagsParse {
  const sched = scheduler !== '' ? scheduler : 'wlc';
  // strtok(optarg, ","): empty fields are skipped.
  const flags = arg.split(',').filter((f) => f !== '');
  if (flags.length === 0) return { kind: 'no-flag' };
  let bits = 0;
  for (const flag of flags) {
    switch (flag) {
      case 'flag-1': bits |= SVC_F_SCHED1; break;
      case 'flag-2': bits |= SVC_F_SCHED2; break;
      case 'flag-3': bits |= SVC_F_SCHED3; break;
      case 'sh-fallback': case 'sh-port': case 'mh-fallback': case 'mh-port':
        bits |= flag.endsWith('fallback') ? SVC_F_SCHED1 : SVC_F_SCHED2;
        if (sched !== flag.slice(0, 2)) return { kind: 'fail', message: `incompatible scheduler flag \`${flag}'` };
        break;
      default:
        return { kind: 'fail', message: `invalid scheduler flag \`${flag}'` };
    }
  }
  return { kind: 'flags', bits };
}

/** print_sched_flags: the names of the set bits as this scheduler calls them, comma-separated ("" if none it names). */
export function schedFlagsText(scheduler: string, flags: number): string {
  const names: string[] = [];
  if (scheduler === 'sh' || scheduler === 'mh') {
    if (flags & SVC_F_SCHED1) names.push(`${scheduler}-fallback`);
    if (flags & SVC_F_SCHED2) names.push(`${scheduler}-port`);
  } else {
    if (flags & SVC_F_SCHED1) names.push('flag-1');
    if (flags & SVC_F_SCHED2) names.push('flag-2');
    if (flags & SVC_F_SCHED3) names.push('flag-3');
  }
  return names.join(',');
}

/** The lab document's names for the bits (schedulerFlags), in bit order: what the simulation reads. */
export function schedFlagNames(scheduler: string, flags: number): string[] {
  const names: string[] = [];
  const named = scheduler === 'sh' || scheduler === 'mh';
  if (flags & SVC_F_SCHED1) names.push(named ? `${scheduler}-fallback` : 'flag-1');
  if (flags & SVC_F_SCHED2) names.push(named ? `${scheduler}-port` : 'flag-2');
  if (flags & SVC_F_SCHED3) names.push('flag-3');
  return names;
}

/** The bits behind the document's names. */
export function schedFlagBits(names: readonly string[]): number {
  let bits = 0;
  for (const n of names) {
    if (n === 'flag-1' || n.endsWith('-fallback')) bits |= SVC_F_SCHED1;
    else if (n === 'flag-2' || n.endsWith('-port')) bits |= SVC_F_SCHED2;
    else if (n === 'flag-3') bits |= SVC_F_SCHED3;
  }
  return bits;
}
