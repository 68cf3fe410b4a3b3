import type { LabNode } from '../../document.ts';
import { done, type Command } from '../command.ts';
import { FS_MESSAGES, readFile } from '../fs/files.ts';
import { resolvePath } from '../fs/paths.ts';
import { withNode } from '../kernel/edit.ts';
import { allSysctlNames, normaliseSysctlName, readSysctl, sysctlExists, sysctlPath, writeSysctlText } from '../kernel/sysctls.ts';
import { Output } from '../output.ts';

/** sysctl (procps-ng 3.3.10, CentOS 7): read, write (-w or NAME=VALUE), -p [FILE], -a, -n, -q, -e. */

const USAGE = `
Usage:
 sysctl [options] [variable[=value] ...]

Options:
  -a, --all            display all variables
  -A                   alias of -a
  -X                   alias of -a
      --deprecated     include deprecated parameters to listing
  -b, --binary         print value without new line
  -e, --ignore         ignore unknown variables errors
  -N, --names          print variable names without values
  -n, --values         print only values of a variables
  -p, --load[=<file>]  read values from file
  -f                   alias of -p
      --system         read values from all system directories
  -r, --pattern <expression>
                       select setting that match expression
  -q, --quiet          do not echo variable set
  -w, --write          enable writing a value to variable
  -o                   does nothing
  -x                   does nothing
  -d                   alias of -h

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see sysctl(8).
`;

/** sysctl's operation. */
export type SysctlOp =
  | { readonly kind: 'read'; readonly names: readonly string[] }
  | { readonly kind: 'write'; readonly settings: readonly string[] }
  | { readonly kind: 'all' }
  | { readonly kind: 'load'; readonly file: string };

/** Display switches. */
interface SysctlFlags {
  valuesOnly: boolean;
  namesOnly: boolean;
  quiet: boolean;
  ignore: boolean;
}

/** Parses sysctl's arguments (procps-ng getopt: options may follow operands). */
export function parseSysctl(args: readonly string[]): { op: SysctlOp; flags: SysctlFlags } | { error: string; status: number } {
  const flags: SysctlFlags = { valuesOnly: false, namesOnly: false, quiet: false, ignore: false };
  let write = false;
  let all = false;
  let load: string | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--all') all = true;
    else if (a === '--write') write = true;
    else if (a === '--quiet') flags.quiet = true;
    else if (a === '--values') flags.valuesOnly = true;
    else if (a === '--names') flags.namesOnly = true;
    else if (a === '--ignore') flags.ignore = true;
    else if (a === '--load' || a.startsWith('--load=')) load = a.includes('=') ? a.slice(7) : '/etc/sysctl.conf';
    else if (a.startsWith('--')) return { error: `sysctl: unrecognized option '${a}'\n${USAGE}`, status: 1 };
    else if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const f = a[k]!;
        if (f === 'a' || f === 'A' || f === 'X') all = true;
        else if (f === 'w') write = true;
        else if (f === 'n') flags.valuesOnly = true;
        else if (f === 'N') flags.namesOnly = true;
        else if (f === 'q') flags.quiet = true;
        else if (f === 'e') flags.ignore = true;
        else if (f === 'o' || f === 'x') continue;
        else if (f === 'p' || f === 'f') {
          // -p takes an optional argument glued to it (-p/etc/file) or the next operand.
          const glued = a.slice(k + 1);
          if (glued) load = glued;
          else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) load = args[++i]!;
          else load = '/etc/sysctl.conf';
          break;
        } else return { error: `sysctl: invalid option -- '${f}'\n${USAGE}`, status: 1 };
      }
    } else operands.push(a);
  }
  if (load !== undefined) return { op: { kind: 'load', file: load }, flags };
  if (all) return { op: { kind: 'all' }, flags };
  if (operands.length === 0) return { error: "sysctl: no variables specified\nTry `sysctl --help' for more information.\n", status: 1 };
  if (write || operands.some((o) => o.includes('='))) return { op: { kind: 'write', settings: operands }, flags: { ...flags, ...(write ? {} : {}) } };
  return { op: { kind: 'read', names: operands }, flags };
}

const show = (name: string, value: string, f: SysctlFlags): string => (f.valuesOnly ? `${value}\n` : f.namesOnly ? `${name}\n` : `${name} = ${value}\n`);

/** WriteSetting(): writes one `name=value`, printing what procps prints. Returns the edited node. */
function writeSetting(node: LabNode, setting: string, f: SysctlFlags, out: Output): { node: LabNode; ok: boolean } {
  const eq = setting.indexOf('=');
  if (eq < 0) {
    out.err(`sysctl: "${setting}" must be of the form name=value\n`);
    return { node, ok: false };
  }
  const name = normaliseSysctlName(setting.slice(0, eq).trim());
  const valueText = setting.slice(eq + 1).trim();
  if (name === '') {
    out.err(`sysctl: malformed setting "${setting}"\n`);
    return { node, ok: false };
  }
  if (!sysctlExists(node, name)) {
    if (!f.ignore) out.err(`sysctl: cannot stat ${sysctlPath(name)}: No such file or directory\n`);
    return { node, ok: f.ignore };
  }
  const written = writeSysctlText(node, name, valueText);
  if (written === 'EINVAL') {
    out.err(`sysctl: setting key "${name}": Invalid argument\n`);
    return { node, ok: false };
  }
  if (!f.quiet) out.out(show(name, valueText, f));
  // ip_vs_random_dropentry scans random buckets of the kernel's hash table every second; the
  // lab's table is not laid out in those buckets, so it cannot drop the same entries.
  if (name === 'net.ipv4.vs.drop_entry' && readSysctl(written, name) === 3) {
    out.err('lab: drop_entry=3 is stored, but the random dropping of connection entries is not simulated\n');
  }
  return { node: written, ok: true };
}

/** sysctl. */
export const sysctl: Command = (io) => {
  const parsed = parseSysctl(io.argv.slice(1));
  const out = new Output();
  if ('error' in parsed) return done(out.err(parsed.error), parsed.status);
  const { op, flags } = parsed;
  let node = io.node;
  let status = 0;
  switch (op.kind) {
    case 'all':
      for (const name of allSysctlNames(node)) out.out(show(name, String(readSysctl(node, name)), flags));
      break;
    case 'read':
      for (const raw of op.names) {
        const name = normaliseSysctlName(raw);
        const v = readSysctl(node, name);
        if (v === undefined) {
          if (!flags.ignore) {
            out.err(`sysctl: cannot stat ${sysctlPath(name)}: No such file or directory\n`);
            status = 255;
          }
        } else out.out(show(name, String(v), flags));
      }
      break;
    case 'write':
      for (const s of op.settings) {
        const r = writeSetting(node, s, flags, out);
        node = r.node;
        if (!r.ok) status = 255;
      }
      break;
    case 'load': {
      const path = resolvePath(io.state.cwd, op.file);
      const text = readFile({ node, runtime: io.runtime, state: io.state }, path);
      if (typeof text !== 'string') {
        out.err(`sysctl: cannot open "${op.file}": ${FS_MESSAGES[text.error]}\n`);
        status = 255;
        break;
      }
      text.split('\n').forEach((raw, i) => {
        let line = raw.trim();
        if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
        // A leading "-" makes errors for this line silent (procps-ng Preload).
        const quietErrors = line.startsWith('-');
        if (quietErrors) line = line.slice(1);
        if (!line.includes('=')) {
          out.err(`sysctl: ${op.file}(${i + 1}): invalid syntax, continuing...\n`);
          return;
        }
        const r = writeSetting(node, line, { ...flags, ignore: flags.ignore || quietErrors }, out);
        node = r.node;
        if (!r.ok) status = 255;
      });
      break;
    }
  }
  return done(out, status, node === io.node ? undefined : withNode(io.doc, node));
};
