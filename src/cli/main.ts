import { existsSync } from 'node:fs';
import { BUILTIN_LABS } from '../lab/builtin/index.ts';
import { SEED_LABS } from '../lab/builtin/seeds/index.ts';
import type { LabDocument } from '../lab/document.ts';
import { exportLabScript } from '../lab/script/export.ts';
import { parseArgs, parseSeed } from './args.ts';
import { loadLabJson, runLabDocument } from './run.ts';
import { loadLabScript, parseScriptText, runScriptFile } from './script.ts';

const USAGE = [
  'usage: npm run lab -- run <lab.lab | lab.json | built-in lab> [--seed N] [--pcap out.pcap] [--trace out.json]',
  '       npm run lab -- export <lab.json | built-in lab> --script',
  '       npm run lab -- list',
].join('\n');

/** What a lab argument names: a script, a JSON document, or a built-in lab (which may be a script). */
type LabSource = { readonly kind: 'script'; readonly text?: string; readonly file: string } | { readonly kind: 'json'; readonly doc: LabDocument; readonly file: string };

function resolveLab(arg: string): LabSource | string {
  if (!existsSync(arg)) {
    const builtin = BUILTIN_LABS.find((l) => l.id === arg || `builtin:${l.id}` === arg);
    const script = SEED_LABS.find((l) => l.id === builtin?.id)?.script;
    if (builtin) return script !== undefined ? { kind: 'script', text: script, file: `${builtin.id}.lab` } : { kind: 'json', doc: builtin.doc, file: builtin.id };
    return `cannot read ${arg}: no such file, and no built-in lab of that name (npm run lab -- list shows them)`;
  }
  if (arg.endsWith('.json')) {
    const doc = loadLabJson(arg);
    return typeof doc === 'string' ? doc : { kind: 'json', doc, file: arg };
  }
  return { kind: 'script', file: arg };
}

/** The `lab` command line; returns the exit status. */
export function main(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    (command === undefined ? err : out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'list') {
    for (const l of BUILTIN_LABS) out(`${l.id.padEnd(22)} ${SEED_LABS.some((s) => s.id === l.id) ? 'script' : 'json  '}  ${l.doc.title.en}`);
    return 0;
  }
  if (command !== 'run' && command !== 'export') {
    err(`lab: unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  const args = command === 'run' ? parseArgs(rest, ['seed', 'pcap', 'trace'], []) : parseArgs(rest, [], ['script']);
  if (typeof args === 'string') {
    err(`lab ${command}: ${args}\n${USAGE}`);
    return 2;
  }
  if (args.positional.length !== 1) {
    err(`lab ${command}: give exactly one lab\n${USAGE}`);
    return 2;
  }
  const seed = command === 'run' ? parseSeed(args.flags.get('seed')) : undefined;
  if (typeof seed === 'string') {
    err(`lab run: ${seed}`);
    return 2;
  }
  const source = resolveLab(args.positional[0]!);
  if (typeof source === 'string') {
    err(source);
    return 1;
  }
  if (command === 'export') {
    if (!args.flags.has('script')) {
      err(`lab export: give --script (a lab script is the only export format)\n${USAGE}`);
      return 2;
    }
    if (source.kind !== 'json') {
      err(`lab export: ${source.file} is already a lab script`);
      return 2;
    }
    for (const line of exportLabScript(source.doc).replace(/\n$/, '').split('\n')) out(line);
    return 0;
  }
  const pcap = args.flags.get('pcap');
  const trace = args.flags.get('trace');
  const opts = { seed, pcap: typeof pcap === 'string' ? pcap : undefined, trace: typeof trace === 'string' ? trace : undefined };
  if (source.kind === 'json') return runLabDocument(source.doc, opts, out);
  const script = source.text !== undefined ? parseScriptText(source.text, source.file) : loadLabScript(source.file);
  if (typeof script === 'string') {
    err(script);
    return 1;
  }
  return runScriptFile(script, source.file, opts, out);
}

const isEntry = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isEntry) process.exitCode = main(process.argv.slice(2), (l) => console.log(l), (l) => console.error(l));
