import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinLab } from '../lab/builtin/index.ts';
import { main } from './main.ts';

function cli(...argv: string[]): { status: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const status = main(argv, (l) => out.push(l), (l) => err.push(l));
  return { status, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'lab-cli-'));
const LAB = `# @title Two hosts
node a host
node b host
link a:eth0 b:eth0
@a
ip addr add 10.0.0.1/24 dev eth0
ip link set eth0 up
@b
ip addr add 10.0.0.2/24 dev eth0
ip link set eth0 up
@a
ping -c 1 10.0.0.2
`;

describe('lab run FILE.lab', () => {
  it('prints the transcript and writes the pcap', () => {
    const file = join(dir, 'pair.lab');
    writeFileSync(file, LAB);
    const pcap = join(dir, 'pair.pcap');
    const r = cli('run', file, '--seed', '3', '--pcap', pcap);
    expect(r.status).toBe(0);
    expect(r.out[0]).toBe('a$ ip addr add 10.0.0.1/24 dev eth0');
    expect(r.out).toContain('a$ ping -c 1 10.0.0.2');
    expect(r.out).toContain('1 packets transmitted, 1 received, 0% packet loss, time 0ms');
    expect(readFileSync(pcap).length).toBeGreaterThan(24);
    expect(cli('run', file, '--seed', '3').out).toEqual(r.out);
  });

  it('reports script errors with their lines', () => {
    const file = join(dir, 'bad.lab');
    writeFileSync(file, 'node a host\nlink a sw\n');
    const r = cli('run', file);
    expect(r.status).toBe(1);
    expect(r.err.join('\n')).toBe(`${file} is not a valid lab script:\n  ${file}: line 2: link: a is a host; name its interface, as a:eth0\n  ${file}: line 2: link: no node "sw" was declared`);
  });

  it('runs a built-in lab by name', () => {
    const r = cli('run', 'seed000-dr');
    expect(r.status).toBe(0);
    expect(r.out.slice(-2)).toEqual(['  -> 192.168.122.100:80           Route   1      0          2         ', '  -> 192.168.122.101:80           Route   1      0          2         ']);
  });

  it('keeps running JSON labs', () => {
    const file = join(dir, 'dr.json');
    writeFileSync(file, JSON.stringify(builtinLab('dr')));
    const r = cli('run', file);
    expect(r.status).toBe(0);
    expect(r.out).toContain('This is test2 web');
  });
});

describe('lab export --script', () => {
  it('exports a JSON lab as a script that runs', () => {
    const r = cli('export', 'dr', '--script');
    expect(r.out[0]).toBe('# @title LVS-DR: only the MAC addresses change at the director');
    const file = join(dir, 'dr.lab');
    writeFileSync(file, `${r.out.join('\n')}\n@client\ncurl http://192.168.122.188/\n`);
    const run = cli('run', file);
    expect(run.out.slice(-2)).toEqual(['client$ curl http://192.168.122.188/', 'This is test2 web']);
  });

  it('answers usage errors clearly', () => {
    expect(cli('export', 'dr')).toMatchObject({ status: 2 });
    expect(cli('export', 'dr').err[0]!.split('\n')[0]).toBe('lab export: give --script (a lab script is the only export format)');
    expect(cli('export', 'seed000-dr', '--script').err).toEqual(['lab export: seed000-dr.lab is already a lab script']);
    expect(cli('run').err[0]!.split('\n')[0]).toBe('lab run: give exactly one lab');
    expect(cli('run', 'nope.lab')).toMatchObject({ status: 1, err: ['cannot read nope.lab: no such file, and no built-in lab of that name (npm run lab -- list shows them)'] });
    expect(cli('run', 'dr', '--seed', 'x').err).toEqual(['lab run: --seed needs a whole number from 0 to 4294967295, not "x"']);
    expect(cli('frob').status).toBe(2);
    expect(cli().status).toBe(2);
  });

  it('lists the built-in labs', () => {
    const r = cli('list');
    expect(r.out).toContain('seed000-dr-verbatim    script  Seed 000 §4.5 LVS-DR, as written (service on 192.168.2.188)');
  });
});
