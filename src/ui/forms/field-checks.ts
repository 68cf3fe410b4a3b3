import { parseIpv4Address } from '../../wire/ipv4-address.ts';

/** A message to show under a form field: an i18n key (`form.err.*`) and its parameters. */
export interface FieldError {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** A checked form value, or why it was refused. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: FieldError };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(key: string, params: Record<string, string | number>): Checked<T> => ({ ok: false, error: { key, params } });

/** A dotted-quad IPv4 address. */
export function checkIpv4(text: string): Checked<string> {
  const s = text.trim();
  if (s === '') return fail('form.err.required', {});
  return parseIpv4Address(s) === null ? fail('form.err.ipv4', { value: s }) : ok(s);
}

/** A whole number from min to max. */
export function checkInt(text: string, min: number, max: number): Checked<number> {
  const s = text.trim();
  if (s === '') return fail('form.err.required', {});
  if (!/^-?\d+$/.test(s) || Number(s) < min || Number(s) > max) return fail('form.err.range', { value: s, min, max });
  return ok(Number(s));
}

/** `address/prefix` as `ip addr add` takes it; a bare address means /32. */
export function checkAddressWithPrefix(text: string): Checked<{ address: string; prefixLength: number }> {
  const s = text.trim();
  if (s === '') return fail('form.err.required', {});
  const [addr, len, extra] = s.split('/');
  if (extra !== undefined) return fail('form.err.cidr', { value: s });
  const a = checkIpv4(addr ?? '');
  if (!a.ok) return a;
  if (len === undefined) return ok({ address: a.value, prefixLength: 32 });
  if (!/^\d{1,2}$/.test(len) || Number(len) > 32) return fail('form.err.prefix', { value: len });
  return ok({ address: a.value, prefixLength: Number(len) });
}

/** A port number, 1 to 65535 unless `allowZero` (persistent services and fwmark real servers). */
export function checkPort(text: string, allowZero = false): Checked<number> {
  return checkInt(text, allowZero ? 0 : 1, 65535);
}

/** An address label: the device name, or `dev:` followed by letters and digits (ifconfig aliases). */
export function checkLabel(text: string, dev: string): Checked<string | undefined> {
  const s = text.trim();
  if (s === '' || s === dev) return ok(undefined);
  if (!s.startsWith(`${dev}:`) || !/^[A-Za-z0-9_.-]+$/.test(s.slice(dev.length + 1)) || s.length > 15) return fail('form.err.label', { value: s, dev });
  return ok(s);
}
