// Test-only: decodes a pcap with Wireshark's tshark and reports malformed packets, expert warnings
// and bad checksums. Uses Node APIs, so nothing outside tests may import it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The fields every check asks tshark for, in the order of each row of `TsharkReport.fields`. */
export const TSHARK_FIELDS = [
  'frame.number',
  '_ws.malformed',
  '_ws.expert.severity',
  '_ws.expert.message',
  'ip.checksum.status',
  'tcp.checksum.status',
  'udp.checksum.status',
  'icmp.checksum.status',
  'icmp.type',
  'ip.src',
  'ip.dst',
] as const;

/** What tshark made of a pcap. */
export interface TsharkReport {
  /** How many frames tshark decoded. */
  readonly frames: number;
  /**
   * One line per problem: "frame 3: malformed packet", "frame 5: tcp.checksum.status is 0 (Bad)",
   * an expert warning or error… A checksum status other than 1 (Good) is a problem, except for the
   * TCP/UDP header quoted inside an ICMP error (see problemsOf).
   */
  readonly problems: string[];
  /** The field names of each row: TSHARK_FIELDS, then the extra fields not already among them. */
  readonly columns: readonly string[];
  /** One row per frame, one value per column; repeated occurrences (outer and inner IP…) are '|'-joined. */
  readonly fields: string[][];
}

// Wireshark's expert severities (epan/proto.h PI_*): chat and note are informational.
const PI_WARN = 0x00600000;
// ICMP errors (RFC 792): destination unreachable, source quench, redirect, time exceeded, parameter problem.
const ICMP_ERROR_TYPES: ReadonlySet<string> = new Set(['3', '4', '5', '11', '12']);
const CHECKSUM_STATUS = ['Bad', 'Good', 'Unverified', 'Not present', 'Illegal'] as const;
const CHECKSUM_FIELDS = ['ip.checksum.status', 'tcp.checksum.status', 'udp.checksum.status', 'icmp.checksum.status'] as const;
const SEPARATOR = ';';
const AGGREGATOR = '|';
// Sequence analysis judges conversations, not packets; a capture of one link often sees only one
// direction of a connection (DR mode), which it would flag as "ACKed unseen segment".
const PREFERENCES = [
  'ip.check_checksum:TRUE',
  'tcp.check_checksum:TRUE',
  'udp.check_checksum:TRUE',
  'tcp.analyze_sequence_numbers:FALSE',
];

/**
 * Writes the pcap to a temporary file, runs tshark on it with checksum validation on, and lists
 * what a careful reader of the capture would object to. Throws if tshark is missing or fails.
 */
export function tsharkCheck(pcapBytes: Uint8Array, extraFields: readonly string[] = [], extraPreferences: readonly string[] = []): TsharkReport {
  const dir = mkdtempSync(join(tmpdir(), 'lvs-lab-tshark-'));
  try {
    const file = join(dir, 'capture.pcap');
    writeFileSync(file, pcapBytes);
    // tshark fills only the last of two columns naming the same field, so columns must not repeat.
    const columns = [...new Set<string>([...TSHARK_FIELDS, ...extraFields])];
    const args = ['-r', file, ...[...PREFERENCES, ...extraPreferences].flatMap((p) => ['-o', p]), '-T', 'fields'];
    for (const field of columns) args.push('-e', field);
    args.push('-E', `separator=${SEPARATOR}`, '-E', 'occurrence=a', '-E', `aggregator=${AGGREGATOR}`);
    const run = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.error !== undefined) {
      const missing = (run.error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new Error(
        missing
          ? 'tshark is not installed: install it with `apt-get install -y tshark` (scripts/ensure-tools.sh does this)'
          : `could not run tshark: ${run.error.message}`,
      );
    }
    // tshark warns about running as root on stderr; only its exit status and stdout matter.
    if (run.status !== 0) throw new Error(`tshark exited with status ${run.status}: ${run.stderr.trim()}`);
    const fields = run.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split(SEPARATOR));
    return { frames: fields.length, problems: fields.flatMap(problemsOf), columns, fields };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function problemsOf(row: readonly string[]): string[] {
  const at = (field: (typeof TSHARK_FIELDS)[number]): string => row[TSHARK_FIELDS.indexOf(field)] ?? '';
  const frame = `frame ${at('frame.number')}`;
  const problems: string[] = [];
  if (at('_ws.malformed') !== '') problems.push(`${frame}: malformed packet`);
  // In an ICMP error every TCP/UDP header is part of the quoted datagram, whose checksum says
  // nothing about the bytes we wrote: icmp_send() truncates the quote (548 bytes), which Wireshark
  // then checksums as if whole, and IPVS NAT rewrites quoted ports without fixing the quoted
  // checksum (ip_vs_nat_icmp). The IP and ICMP checksums of such a frame are still judged, by
  // status, so its "Bad checksum" expert items add nothing.
  const inIcmpError = split(at('icmp.type')).some((type) => ICMP_ERROR_TYPES.has(type));
  const severities = split(at('_ws.expert.severity'));
  const messages = split(at('_ws.expert.message'));
  severities.forEach((severity, i) => {
    const message = messages[i] ?? '(no message)';
    if (Number(severity) < PI_WARN || (inIcmpError && message.startsWith('Bad checksum'))) return;
    problems.push(`${frame}: expert ${severity}: ${message}`);
  });
  const judged = inIcmpError ? (['ip.checksum.status', 'icmp.checksum.status'] as const) : CHECKSUM_FIELDS;
  for (const field of judged) {
    for (const status of split(at(field))) {
      if (status !== '1') problems.push(`${frame}: ${field} is ${status} (${CHECKSUM_STATUS[Number(status)] ?? 'unknown'})`);
    }
  }
  return problems;
}

function split(value: string): string[] {
  return value === '' ? [] : value.split(AGGREGATOR);
}
