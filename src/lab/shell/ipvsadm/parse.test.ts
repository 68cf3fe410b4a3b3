import { describe, expect, it } from 'vitest';
import { inetAton, stringToNumber } from './numbers.ts';
import { parseIpvsadm } from './parse.ts';
import { glibcMsort } from './sort.ts';
import { CONN_F_DROUTE, CONN_F_MASQ, IPPROTO_TCP, IPPROTO_UDP, SVC_F_PERSISTENT, type IpvsadmOp } from './types.ts';
import { COMMANDS_V_OPTIONS, OPTIONS } from './options.ts';

const parse = (line: string): IpvsadmOp => {
  const op = parseIpvsadm(line.split(' ').filter((w) => w !== ''));
  if (op.kind === 'usage-error') throw new Error(op.stderr);
  return op;
};
const service = (line: string) => {
  const op = parse(line);
  if (!('service' in op)) throw new Error(op.kind);
  return op.service;
};
const dest = (line: string) => {
  const op = parse(line);
  if (!('dest' in op)) throw new Error(op.kind);
  return op.dest;
};
const ip = (s: string) => inetAton(s)!;

describe('parseIpvsadm', () => {
  it('reads the seeds\' command lines', () => {
    expect(parse('-A -t 12.0.0.10:80 -s rr')).toEqual({
      kind: 'add-service', program: 'ipvsadm',
      service: { af: 'inet', protocol: IPPROTO_TCP, address: ip('12.0.0.10'), port: 80, netmask: 0xffffffff, fwmark: 0, scheduler: 'rr', flags: 0, timeout: 0, pe: '' },
    });
    expect(dest('-a -t 12.0.0.10:80 -r 192.168.2.100:80 -m -w 1')).toEqual({
      af: 'inet', address: ip('192.168.2.100'), port: 80, fwd: CONN_F_MASQ, weight: 1, upperThreshold: 0, lowerThreshold: 0, tunType: 0, tunPort: 0, tunFlags: 0,
    });
    expect(parse('-ln')).toMatchObject({ kind: 'list', target: 'all', format: { numeric: true, rule: false } });
    expect(parse('-Lnc')).toMatchObject({ kind: 'list', target: 'connections', format: { numeric: true } });
    expect(parseIpvsadm([])).toMatchObject({ kind: 'list', target: 'all', format: { numeric: false } });
    expect(parse('-C')).toEqual({ kind: 'flush', program: 'ipvsadm' });
  });

  it('applies ipvsadm\'s defaults: wlc, weight 1, direct routing, the service port', () => {
    expect(service('-A -t 1.2.3.4:80').scheduler).toBe('wlc');
    expect(service('-E -t 1.2.3.4:80')).toMatchObject({ scheduler: 'wlc', flags: 0, timeout: 0 });
    expect(dest('-a -t 1.2.3.4:80 -r 5.6.7.8')).toMatchObject({ port: 80, fwd: CONN_F_DROUTE, weight: 1 });
    expect(dest('-e -t 1.2.3.4:80 -r 5.6.7.8')).toMatchObject({ port: 80, fwd: CONN_F_DROUTE, weight: 1, upperThreshold: 0, lowerThreshold: 0 });
  });

  it('forces the service port for -g and -i, not for -m or fwmark services', () => {
    expect(dest('-a -t 1.2.3.4:80 -r 5.6.7.8:8080 -g').port).toBe(80);
    expect(dest('-a -t 1.2.3.4:80 -r 5.6.7.8:8080 -i').port).toBe(80);
    expect(dest('-a -t 1.2.3.4:80 -r 5.6.7.8:8080 -m').port).toBe(8080);
    expect(dest('-a -f 1 -r 5.6.7.8:8080 -g').port).toBe(8080);
    // The server port copies the service port known when -r is read.
    expect(dest('-a -r 5.6.7.8 -t 1.2.3.4:80 -m').port).toBe(0);
  });

  it('-p takes an optional timeout: the next word unless it starts with "-"', () => {
    expect(service('-A -t 1.2.3.4:80 -p')).toMatchObject({ flags: SVC_F_PERSISTENT, timeout: 360 });
    expect(service('-A -t 1.2.3.4:80 -p 600 -s rr')).toMatchObject({ timeout: 600, scheduler: 'rr' });
    expect(service('-A -t 1.2.3.4:80 -p -s rr')).toMatchObject({ timeout: 360, scheduler: 'rr' });
    expect(service('-A -t 1.2.3.4:80 -p=5').timeout).toBe(5);
    expect(service('-A -t 1.2.3.4:80 -p7').timeout).toBe(7);
    expect(service('--add-service --tcp-service=1.2.3.4:80 --persistent 8').timeout).toBe(8);
  });

  it('reads addresses with inet_aton and ports by name', () => {
    expect(service('-A -t 10.1:80').address).toBe(ip('10.0.0.1'));
    expect(service('-A -t 010.0.0.1:80').address).toBe(ip('8.0.0.1'));
    expect(service('-A -t1.2.3.4:http').port).toBe(80);
    expect(service('-A -u 1.2.3.4:domain')).toMatchObject({ protocol: IPPROTO_UDP, port: 53 });
    expect(service('-A -t localhost:https')).toMatchObject({ address: ip('127.0.0.1'), port: 443 });
    // "[1.2.3.4]:80": strrchr finds no colon before the bracket, so the port is lost.
    expect(service('-A -t [1.2.3.4]:80 -p')).toMatchObject({ address: ip('1.2.3.4'), port: 0 });
    expect(service('-A -t [2001:db8::1]:80')).toMatchObject({ af: 'inet6', address6: '2001:db8::1', port: 80 });
  });

  it('cuts the scheduler name to 15 characters and reads -M with inet_aton', () => {
    expect(service('-A -t 1.2.3.4:80 -s abcdefghijklmnopq').scheduler).toBe('abcdefghijklmno');
    expect(service('-A -t 1.2.3.4:80 -p -M 24').netmask).toBe(24);
  });
});

describe('the C helpers', () => {
  it('inet_aton', () => {
    expect(inetAton('192.168.0.1')).toBe(0xc0a80001);
    expect(inetAton('0x7f.1')).toBe(0x7f000001);
    expect(inetAton('1.2.3.4 junk')).toBe(0x01020304);
    expect(inetAton('1.2.3.256')).toBeNull();
    expect(inetAton('08.1.1.1')).toBeNull();
    expect(inetAton('1.2.3.4.5')).toBeNull();
    expect(inetAton('4294967295')).toBe(0xffffffff);
  });

  it('string_to_number', () => {
    expect(stringToNumber(' +5', 0, 10)).toBe(5);
    expect(stringToNumber('5 ', 0, 10)).toBe(-1);
    expect(stringToNumber('', 0, 10)).toBe(-1);
    expect(stringToNumber('99999999999999999999', 0, 10)).toBe(-1);
  });

  it('glibc msort with the overflowing comparator', () => {
    const a = [0x0a000001, 0xac100001, 0xc0a80101];
    expect(glibcMsort(a, (x, y) => (x - y) | 0)).toEqual([0xac100001, 0xc0a80101, 0x0a000001]);
  });

  it('commands_v_options has one entry per option', () => {
    for (const row of Object.values(COMMANDS_V_OPTIONS)) expect(row).toHaveLength(OPTIONS.length);
  });
});
