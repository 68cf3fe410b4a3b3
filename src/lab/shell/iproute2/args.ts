import { parseIpv4Address, type Ipv4Address } from '../../../wire/ipv4-address.ts';
import type { AddressScope } from '../../../sim/model/config.ts';

/** How an iproute2 command ends: its message and exit status (iproute2's own conventions). */
export interface IpError {
  readonly message: string;
  readonly status: number;
}

/** iproute2's matches(): the typed word is a prefix of the keyword. */
export const matches = (typed: string, keyword: string): boolean => typed.length > 0 && keyword.startsWith(typed);

/** invarg(): `Error: argument "X" is wrong: MSG` and exit(-1). */
export const invarg = (msg: string, arg: string): IpError => ({ message: `Error: argument "${arg}" is wrong: ${msg}\n`, status: 255 });

/** duparg2(): `Error: either "KEY" is duplicate, or "ARG" is a garbage.` and exit(-1). */
export const duparg2 = (key: string, arg: string): IpError => ({ message: `Error: either "${key}" is duplicate, or "${arg}" is a garbage.\n`, status: 255 });

/** duparg(): `Error: duplicate "KEY": "ARG" is the second value.` and exit(-1). */
export const duparg = (key: string, arg: string): IpError => ({ message: `Error: duplicate "${key}": "${arg}" is the second value.\n`, status: 255 });

/** incomplete_command(): `Command line is not complete. Try option "help"` and exit(-1). */
export const incomplete: IpError = { message: 'Command line is not complete. Try option "help"\n', status: 255 };

/** An RTNETLINK error from the kernel: `RTNETLINK answers: …`, exit 2. */
export const rtnetlink = (strerror: string): IpError => ({ message: `RTNETLINK answers: ${strerror}\n`, status: 2 });

/** A kernel error with an extack message: `Error: …`, exit 2. */
export const extack = (msg: string): IpError => ({ message: `Error: ${msg}.\n`, status: 2 });

/** nodev(): `Cannot find device "X"`, exit 1. */
export const nodev = (dev: string): IpError => ({ message: `Cannot find device "${dev}"\n`, status: 1 });

/** A prefix as get_prefix parses it: `a.b.c.d[/len]`; `default`/`all`/`any` for 0/0 when allowed. */
export interface Prefix {
  readonly address: Ipv4Address;
  readonly prefixLength: number;
  readonly lengthGiven: boolean;
  readonly isDefault: boolean;
}

/** get_prefix(): the prefix, or iproute2's message (`Error: any valid prefix is expected rather than "X".`, exit 1). */
export function parsePrefix(arg: string, allowDefault: boolean): Prefix | IpError {
  if (allowDefault && (arg === 'default' || arg === 'all' || arg === 'any')) return { address: 0, prefixLength: 0, lengthGiven: true, isDefault: true };
  const [a, len, ...more] = arg.split('/');
  const address = parseIpv4Address(a ?? '');
  const lengthOk = len === undefined || /^\d+$/.test(len) && Number(len) <= 32;
  if (address === null || !lengthOk || more.length > 0) return { message: `Error: any valid prefix is expected rather than "${arg}".\n`, status: 1 };
  return { address, prefixLength: len === undefined ? 32 : Number(len), lengthGiven: len !== undefined, isDefault: false };
}

/** get_addr(): an address, or `Error: any valid address is expected rather than "X".` (exit 1). */
export function parseAddress(arg: string, what = 'any valid'): Ipv4Address | IpError {
  const a = parseIpv4Address(arg);
  return a === null ? { message: `Error: ${what} address is expected rather than "${arg}".\n`, status: 1 } : a;
}

/** rtnl_rtscope_a2n(): host, link, global (or universe), or their numbers. */
export function parseScope(arg: string): AddressScope | null {
  if (arg === 'host' || arg === '254') return 'host';
  if (arg === 'link' || arg === '253') return 'link';
  if (arg === 'global' || arg === 'universe' || arg === '0') return 'global';
  return null;
}

/** Whether a value is an IpError. */
export const isIpError = (v: unknown): v is IpError => typeof v === 'object' && v !== null && 'message' in v && 'status' in v;
