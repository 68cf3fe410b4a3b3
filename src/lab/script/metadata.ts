import type { TrafficAction } from '../../sim/model/config.ts';
import { NODE_ROLES, type LocalizedText, type NodeRole } from '../document.ts';

/**
 * Lab-script metadata: comments of the form `# @key value` carry what commands cannot express —
 * the title and description in both languages, the seed, node roles and positions, link latency
 * and bandwidth, and the lab's scenario. To bash they are ordinary comments.
 */
export interface ScriptMeta {
  title: { en?: string; zh?: string };
  description: { en?: string; zh?: string };
  seed?: number;
  readonly roles: Map<string, NodeRole>;
  readonly positions: Map<string, { x: number; y: number }>;
  /** `a:if b:if` (as written in the link line) → link properties. */
  readonly links: Map<string, { latencyUs?: number; bandwidthBps?: number }>;
  readonly scenario: { atUs: number; action: TrafficAction }[];
  /** httpd's Listen port per node, when not 80. */
  readonly httpdPorts: Map<string, number>;
}

/** Empty metadata. */
export function emptyMeta(): ScriptMeta {
  return { title: {}, description: {}, roles: new Map(), positions: new Map(), links: new Map(), scenario: [], httpdPorts: new Map() };
}

/** The key of a link in metadata: both ends as written, sorted. */
export const linkKey = (a: string, b: string): string => [a, b].sort().join(' ');

/** Unescapes `\n` and `\\` in a metadata text value. */
const unescapeText = (s: string): string => s.replace(/\\(n|\\)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));

/** Escapes a text value for a metadata line. */
export const escapeText = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

/** The lines that open a lab script: title, description and seed (a language equal to English is left out). */
export function headerLines(title: LocalizedText, description: LocalizedText, seed: number): string[] {
  const out = [`# @title ${escapeText(title.en)}`];
  if (title.zh !== title.en) out.push(`# @title.zh ${escapeText(title.zh)}`);
  if (description.en !== '') out.push(`# @description ${escapeText(description.en)}`);
  if (description.zh !== description.en) out.push(`# @description.zh ${escapeText(description.zh)}`);
  out.push(`# @seed ${seed}`);
  return out;
}

/** A traffic command of a scenario line (`curl URL`, `ping -c N [-I SRC] DST`, `arping -c N -I IF DST`). */
/** `curl [-m SEC] [--connect-timeout SEC] [-I] URL` as a scenario action (the options a lab's curl keeps). */
function scenarioCurl(node: string, args: readonly string[]): TrafficAction | string {
  const usage = 'expected "curl [-m SECONDS] [--connect-timeout SECONDS] [-I] URL"';
  let url: string | undefined;
  let maxTimeSec: number | undefined;
  let connectTimeoutSec: number | undefined;
  let head = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-I') head = true;
    else if (a === '-m' || a === '--connect-timeout') {
      const v = args[++i];
      if (v === undefined || !/^\d+$/.test(v)) return `curl ${a} takes a whole number of seconds, not "${v ?? ''}"`;
      if (a === '-m') maxTimeSec = Number(v);
      else connectTimeoutSec = Number(v);
    } else if (url === undefined && !a.startsWith('-')) url = a;
    else return usage;
  }
  if (url === undefined) return usage;
  return {
    kind: 'curl', node, url, ...(maxTimeSec !== undefined ? { maxTimeSec } : {}), ...(connectTimeoutSec !== undefined ? { connectTimeoutSec } : {}), ...(head ? { head } : {}),
  };
}

export function parseScenarioCommand(node: string, words: readonly string[]): TrafficAction | string {
  const [cmd, ...args] = words;
  if (cmd === 'curl') return scenarioCurl(node, args);
  const opts = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-') && args[i + 1] !== undefined) opts.set(a, args[++i]!);
    else rest.push(a);
  }
  const count = Number(opts.get('-c'));
  if (rest.length !== 1 || !Number.isInteger(count) || count < 1) return 'expected "curl URL", "ping -c N [-I SOURCE] DEST" or "arping -c N -I IFACE DEST"';
  if (cmd === 'ping') {
    const source = opts.get('-I');
    const interval = opts.get('-i');
    const size = opts.get('-s');
    const pmtuDisc = opts.get('-M');
    if (size !== undefined && !(/^\d+$/.test(size) && Number(size) <= 65507)) return `ping -s takes a size from 0 to 65507, not "${size}"`;
    if (pmtuDisc !== undefined && pmtuDisc !== 'do' && pmtuDisc !== 'dont' && pmtuDisc !== 'want' && pmtuDisc !== 'probe') return `ping -M takes do, dont, want or probe, not "${pmtuDisc}"`;
    return {
      kind: 'ping', node, destination: rest[0]!, count, ...(source !== undefined ? { source } : {}), ...(interval !== undefined ? { intervalSec: Number(interval) } : {}),
      ...(size !== undefined ? { payloadBytes: Number(size) } : {}), ...(pmtuDisc !== undefined ? { pmtuDisc } : {}),
    };
  }
  if (cmd === 'arping' && opts.has('-I')) {
    const source = opts.get('-s');
    return { kind: 'arping', node, iface: opts.get('-I')!, target: rest[0]!, count, ...(source !== undefined ? { source } : {}) };
  }
  return 'expected "curl URL", "ping -c N [-I SOURCE] DEST" or "arping -c N -I IFACE DEST"';
}

/** Reads one `@key value` comment into `meta`; returns an error message or null. */
export function readMetaLine(meta: ScriptMeta, body: string): string | null {
  const m = /^@([a-z.-]+)(?:\s+(.*))?$/.exec(body.trim());
  if (!m) return 'a metadata comment is "# @key value"';
  const key = m[1]!;
  const value = (m[2] ?? '').trim();
  const words = value === '' ? [] : value.split(/\s+/);
  switch (key) {
    case 'title':
    case 'title.en':
      meta.title.en = unescapeText(value);
      return null;
    case 'title.zh':
      meta.title.zh = unescapeText(value);
      return null;
    case 'description':
    case 'description.en':
      meta.description.en = meta.description.en === undefined ? unescapeText(value) : `${meta.description.en}\n${unescapeText(value)}`;
      return null;
    case 'description.zh':
      meta.description.zh = meta.description.zh === undefined ? unescapeText(value) : `${meta.description.zh}\n${unescapeText(value)}`;
      return null;
    case 'seed':
      if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) return `@seed needs a whole number from 0 to 4294967295, not "${value}"`;
      meta.seed = Number(value);
      return null;
    case 'role':
      if (words.length !== 2 || !(NODE_ROLES as readonly string[]).includes(words[1]!)) return `@role needs a node and one of ${NODE_ROLES.join(', ')}`;
      meta.roles.set(words[0]!, words[1] as NodeRole);
      return null;
    case 'position':
      if (words.length !== 3 || !words.slice(1).every((w) => /^-?\d+(\.\d+)?$/.test(w))) return '@position needs a node and two numbers, x and y';
      meta.positions.set(words[0]!, { x: Number(words[1]), y: Number(words[2]) });
      return null;
    case 'link': {
      if (words.length < 3) return '@link needs both ends and latency=MICROSECONDS and/or bandwidth=BITS_PER_SECOND';
      const props: { latencyUs?: number; bandwidthBps?: number } = {};
      for (const w of words.slice(2)) {
        const p = /^(latency|bandwidth)=(\d+)$/.exec(w);
        if (!p) return `@link: "${w}" is not latency=MICROSECONDS or bandwidth=BITS_PER_SECOND`;
        if (p[1] === 'latency') props.latencyUs = Number(p[2]);
        else props.bandwidthBps = Number(p[2]);
      }
      meta.links.set(linkKey(words[0]!, words[1]!), props);
      return null;
    }
    case 'scenario': {
      if (words.length < 3 || !/^\d+$/.test(words[0]!)) return '@scenario needs a time in microseconds, a node and a traffic command';
      const action = parseScenarioCommand(words[1]!, words.slice(2));
      if (typeof action === 'string') return `@scenario: ${action}`;
      meta.scenario.push({ atUs: Number(words[0]), action });
      return null;
    }
    case 'httpd-port':
      if (words.length !== 2 || !/^\d+$/.test(words[1]!) || Number(words[1]) < 1 || Number(words[1]) > 65535) return '@httpd-port needs a node and a port';
      meta.httpdPorts.set(words[0]!, Number(words[1]));
      return null;
  }
  return `unknown metadata "@${key}" (known: title, title.zh, description, description.zh, seed, role, position, link, scenario, httpd-port)`;
}
