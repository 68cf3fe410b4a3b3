import { describe, expect, it } from 'vitest';
import { exportLabScript } from '../../script/export.ts';
import { validateLab } from '../../validate.ts';
import { labFromScript, ShellFixture } from '../testing/fixture.ts';

/** The `(size=N)` of a listing's first line. */
const sizeOf = (out: string): string | undefined => /\(size=(\d+)\)/.exec(out)?.[1];

describe('modprobe ip_vs conn_tab_bits=N (facts §3.4: the connection table has 2^bits buckets)', () => {
  it('sizes the table ipvsadm -Ln and /proc/net/ip_vs report', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'modprobe ip_vs conn_tab_bits=10')).toMatchObject({ exitCode: 0, stderr: '' });
    expect(sizeOf(f.run('director', 'ipvsadm -Ln').stdout)).toBe('1024');
    expect(sizeOf(f.run('director', 'cat /proc/net/ip_vs').stdout)).toBe('1024');
  });

  it('has 4096 buckets without the parameter (CONFIG_IP_VS_TAB_BITS=12), also when ipvsadm loads the module', () => {
    const f = new ShellFixture();
    expect(sizeOf(f.run('director', 'ipvsadm -Ln').stdout)).toBe('4096');
  });

  for (const [value, size] of [['7', '256'], ['-1', '256'], ['21', '1048576'], ['27', '1048576'], ['0x10', '65536'], ['012', '1024'], ['+9', '512']] as const) {
    it(`conn_tab_bits=${value}: ${size} buckets (ip_vs_conn_init clamps to 8–20, kstrtoint reads the number)`, () => {
      const f = new ShellFixture();
      expect(f.run('director', `modprobe ip_vs conn_tab_bits=${value}`).exitCode).toBe(0);
      expect(sizeOf(f.run('director', 'ipvsadm -Ln').stdout)).toBe(size);
    });
  }

  for (const [value, message] of [['ten', 'Invalid argument'], ['', 'Invalid argument'], ['4294967296', 'Numerical result out of range']] as const) {
    it(`conn_tab_bits=${value || '(empty)'}: the module does not load (${message})`, () => {
      const f = new ShellFixture();
      expect(f.run('director', `modprobe ip_vs conn_tab_bits=${value}`)).toMatchObject({ exitCode: 1, stderr: `modprobe: ERROR: could not insert 'ip_vs': ${message}\n` });
      expect(f.node('director').ipvs.loaded).toBe(false);
    });
  }

  it('ignores an unknown parameter, and a parameter given to a module that is already loaded', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'modprobe ip_vs foo=1 conn-tab-bits=9')).toMatchObject({ exitCode: 0, stderr: '' });
    expect(f.run('director', 'modprobe ip_vs conn_tab_bits=16').exitCode).toBe(0);
    expect(sizeOf(f.run('director', 'ipvsadm -Ln').stdout)).toBe('512');
    // A scheduler module loads ip_vs as a dependency, without ip_vs's parameters.
    const g = new ShellFixture();
    g.run('director', 'modprobe ip_vs_rr conn_tab_bits=16');
    expect(sizeOf(g.run('director', 'ipvsadm -Ln').stdout)).toBe('4096');
  });

  it('starts from the default again after the module is unloaded', () => {
    const f = new ShellFixture();
    f.run('director', 'modprobe ip_vs conn_tab_bits=10');
    f.run('director', 'modprobe -r ip_vs');
    f.run('director', 'modprobe ip_vs');
    expect(sizeOf(f.run('director', 'ipvsadm -Ln').stdout)).toBe('4096');
  });

  it('is kept in the lab document, validated, and exported as the modprobe that rebuilds it', () => {
    const f = new ShellFixture();
    f.run('director', 'modprobe ip_vs conn_tab_bits=10');
    f.run('director', 'ipvsadm -A -t 192.168.122.188:80');
    expect(validateLab(f.doc).ok).toBe(true);
    const beyond = { ...f.doc, nodes: f.doc.nodes.map((n) => (n.id === 'director' ? { ...n, ipvs: { ...n.ipvs, connTabBits: 21 } } : n)) };
    expect(validateLab(beyond)).toMatchObject({ ok: false, errors: [{ path: 'nodes[2].ipvs.connTabBits' }] });
    const script = exportLabScript(f.doc);
    expect(script).toContain('modprobe ip_vs conn_tab_bits=10');
    expect(labFromScript(script).nodes.find((n) => n.id === 'director')!.ipvs).toEqual(f.node('director').ipvs);
  });
});
