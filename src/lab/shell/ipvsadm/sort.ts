/**
 * How `ipvsadm -L` orders its output: libipvs's comparators (libipvs.c:820 ipvs_cmp_services,
 * 1035 ipvs_cmp_dests) run by glibc's qsort, which for these small arrays is the merge sort of
 * msort.c (`msort_with_tmp`: split n/2, sort both halves, merge taking the left element while
 * cmp <= 0). The comparators subtract unsigned values and return the difference as an int,
 * so addresses 2³¹ or more apart compare the wrong way round: 10.0.0.1 sorts after
 * 172.16.0.1 and 192.168.1.1. The result depends on the algorithm, hence the exact merge sort.
 */
import type { KernelDest, KernelService } from './view.ts';

/** glibc msort_with_tmp with a C comparator. */
export function glibcMsort<T>(items: readonly T[], cmp: (a: T, b: T) => number): T[] {
  if (items.length <= 1) return [...items];
  const n1 = Math.floor(items.length / 2);
  const left = glibcMsort(items.slice(0, n1), cmp);
  const right = glibcMsort(items.slice(n1), cmp);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) out.push(cmp(left[i]!, right[j]!) <= 0 ? left[i++]! : right[j++]!);
  return [...out, ...left.slice(i), ...right.slice(j)];
}

/** `int r = a - b` on unsigned 32-bit values. */
const intDiff = (a: number, b: number): number => (a - b) | 0;

/** ipvs_cmp_services: fwmark, address family, protocol, address, port. */
export function cmpServices(a: KernelService, b: KernelService): number {
  return intDiff(a.fwmark, b.fwmark) || a.protocol - b.protocol || intDiff(a.address, b.address) || a.port - b.port;
}

/** ipvs_cmp_dests: address, port. */
export function cmpDests(a: KernelDest, b: KernelDest): number {
  return intDiff(a.address, b.address) || a.port - b.port;
}
