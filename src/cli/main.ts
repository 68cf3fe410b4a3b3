import { parseArgs, parseSeed } from './args.ts';
import { loadLabJson, runLabDocument } from './run.ts';

const USAGE = `usage: npm run lab -- run <lab.json> [--seed N] [--pcap out.pcap] [--trace out.json]`;

/** The `lab` command line; returns the exit status. */
export function main(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    (command === undefined ? err : out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'run') {
    err(`lab: unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  const args = parseArgs(rest, ['seed', 'pcap', 'trace'], []);
  if (typeof args === 'string') {
    err(`lab run: ${args}\n${USAGE}`);
    return 2;
  }
  if (args.positional.length !== 1) {
    err(`lab run: give exactly one lab file\n${USAGE}`);
    return 2;
  }
  const seed = parseSeed(args.flags.get('seed'));
  if (typeof seed === 'string') {
    err(`lab run: ${seed}`);
    return 2;
  }
  const doc = loadLabJson(args.positional[0]!);
  if (typeof doc === 'string') {
    err(doc);
    return 1;
  }
  const pcap = args.flags.get('pcap');
  const trace = args.flags.get('trace');
  return runLabDocument(doc, { seed, pcap: typeof pcap === 'string' ? pcap : undefined, trace: typeof trace === 'string' ? trace : undefined }, out);
}

const isEntry = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isEntry) process.exitCode = main(process.argv.slice(2), (l) => console.log(l), (l) => console.error(l));
