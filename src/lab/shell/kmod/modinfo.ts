import { done, type Command } from '../command.ts';
import { exists } from '../fs/files.ts';
import { resolvePath } from '../fs/paths.ts';
import { ipvsModuleFile, MODULES_DIR } from '../kernel/modules.ts';
import { Output } from '../output.ts';
import { loadModule } from './modprobe.ts';

/**
 * kmod 20's modinfo, as far as the lab knows its modules: the file of an IPVS module
 * (`-F filename`, `-n`), as modules.dep gives it under /lib/modules/<release>. A module's other
 * fields (description, parameters, dependencies…) are not modelled, and this modinfo says so
 * rather than print made-up values. Messages and status as kmod: `modinfo: ERROR: …`, exit 1.
 */

/** Whether a name is a module file rather than a module name (kmod's is_module_filename). */
const isPath = (name: string): boolean => name.includes('/') || /\.ko(\.(gz|xz))?$/.test(name);

/** modinfo [-F field | -n] MODULE…. */
export const modinfo: Command = (io) => {
  const out = new Output();
  let field: string | undefined;
  const modules: string[] = [];
  const args = io.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-F' || a === '--field') {
      field = args[++i];
      if (field === undefined) return done(out.err(`modinfo: option requires an argument -- 'F'\n`), 1);
    } else if (a.startsWith('--field=')) field = a.slice('--field='.length);
    else if (a.startsWith('-F')) field = a.slice(2);
    else if (a === '-n' || a === '--filename') field = 'filename';
    else if (a.startsWith('--')) return done(out.err(`modinfo: unrecognized option '${a}'\n`), 1);
    else if (a.startsWith('-') && a !== '-') return done(out.err(`modinfo: invalid option -- '${a[1]}'\n`), 1);
    else modules.push(a);
  }
  if (modules.length === 0) return done(out.err('modinfo: ERROR: missing module or filename.\n'), 1);
  let status = 0;
  for (const m of modules) {
    if (isPath(m)) {
      const path = resolvePath(io.state.cwd, m);
      if (!exists(io, path)) {
        out.err(`modinfo: ERROR: Module file ${m} not found.\n`);
        status = 1;
        continue;
      }
      if (field?.toLowerCase() === 'filename') out.out(`${path}\n`);
      else status = notModelled(out);
      continue;
    }
    const name = m.replace(/-/g, '_');
    const file = ipvsModuleFile(name);
    if (file === undefined) {
      // A module modprobe knows but whose file the lab does not list.
      if (loadModule(io.node, name) !== undefined) status = notModelled(out);
      else {
        out.err(`modinfo: ERROR: Module ${m} not found.\n`);
        status = 1;
      }
      continue;
    }
    if (field?.toLowerCase() === 'filename') out.out(`${MODULES_DIR}/${file}\n`);
    else status = notModelled(out);
  }
  return done(out, status);
};

function notModelled(out: Output): number {
  out.err('lab: modinfo here knows only the IPVS modules\' file names (modinfo -F filename MODULE)\n');
  return 1;
}
