import type { NodeKind } from '../../sim/model/config.ts';
import { emptyMeta, readMetaLine, type ScriptMeta } from './metadata.ts';

/**
 * Lab scripts: a plain-text lab. A header declares the topology —
 *   node NAME host|router|switch
 *   link NODE:IFACE NODE:IFACE      (or NODE:IFACE SWITCH)
 * — then `@NODE` starts the commands that run on that node, in file order. `#` starts a comment
 * (in declarations anywhere on the line; command lines go to bash, which has its own comment
 * rule). `# @key value` comments carry metadata (see metadata.ts).
 */

export interface ScriptNode {
  readonly name: string;
  readonly kind: NodeKind;
  readonly line: number;
}

/** A link end: a host interface, or a switch. */
export interface ScriptLinkEnd {
  readonly node: string;
  readonly iface?: string;
  /** As written (`client:eth0`, `sw`). */
  readonly text: string;
}

export interface ScriptLink {
  readonly a: ScriptLinkEnd;
  readonly b: ScriptLinkEnd;
  readonly line: number;
}

/** A command line to run on a node. */
export interface ScriptStep {
  readonly node: string;
  readonly command: string;
  readonly line: number;
}

export interface LabScript {
  readonly nodes: readonly ScriptNode[];
  readonly links: readonly ScriptLink[];
  readonly steps: readonly ScriptStep[];
  readonly meta: ScriptMeta;
}

/** A problem in a script: its line (from 1) and why. */
export interface ScriptError {
  readonly line: number;
  readonly message: string;
}

export type ScriptParse = { readonly ok: true; readonly script: LabScript } | { readonly ok: false; readonly errors: readonly ScriptError[] };

const NAME_RE = /^[A-Za-z][A-Za-z0-9_.-]{0,62}$/;
const IFACE_RE = /^[A-Za-z][A-Za-z0-9_.-]{0,14}$/;

/** `line 3: …`. */
export const formatScriptError = (e: ScriptError): string => `line ${e.line}: ${e.message}`;

/** Strips a `#` comment from a declaration line. */
const withoutComment = (s: string): string => {
  const i = s.indexOf('#');
  return (i < 0 ? s : s.slice(0, i)).trim();
};

/** Parses a lab script. Never throws: every problem is reported with its line. */
export function parseLabScript(text: string): ScriptParse {
  const errors: ScriptError[] = [];
  const nodes: ScriptNode[] = [];
  const links: ScriptLink[] = [];
  const steps: ScriptStep[] = [];
  const meta = emptyMeta();
  const byName = new Map<string, ScriptNode>();
  const usedIfaces = new Map<string, number>();
  const pendingLinks: { words: string[]; line: number }[] = [];
  let current: string | undefined;
  let sawSection = false;
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.replace(/\r$/, '').trim();
    if (trimmed === '') return;
    if (trimmed.startsWith('#')) {
      const body = trimmed.replace(/^#+\s*/, '');
      if (body.startsWith('@')) {
        const err = readMetaLine(meta, body);
        if (err) errors.push({ line, message: err });
      }
      return;
    }
    if (trimmed.startsWith('@')) {
      const name = withoutComment(trimmed.slice(1));
      sawSection = true;
      const node = byName.get(name);
      if (!node) errors.push({ line, message: `@${name}: no node "${name}" was declared` });
      else if (node.kind === 'switch') errors.push({ line, message: `@${name}: ${name} is a switch; it has no shell` });
      current = node && node.kind !== 'switch' ? name : undefined;
      return;
    }
    const words = withoutComment(trimmed).split(/\s+/);
    if ((words[0] === 'node' || words[0] === 'link') && sawSection) {
      errors.push({ line, message: `"${words[0]}" declarations belong before the first @node section` });
      return;
    }
    if (words[0] === 'node') {
      const [, name, kind, ...extra] = words;
      if (name === undefined || kind === undefined || extra.length > 0) {
        errors.push({ line, message: 'expected "node NAME host|router|switch"' });
        return;
      }
      if (!NAME_RE.test(name)) errors.push({ line, message: `"${name}" is not a valid node name (a letter, then letters, digits, "-", "_" or "."; at most 63)` });
      else if (kind !== 'host' && kind !== 'router' && kind !== 'switch') errors.push({ line, message: `"${kind}" is not a node kind (host, router or switch)` });
      else if (byName.has(name)) errors.push({ line, message: `node "${name}" is already declared on line ${byName.get(name)!.line}` });
      else {
        const n = { name, kind, line } as const;
        nodes.push(n);
        byName.set(name, n);
      }
      return;
    }
    if (words[0] === 'link') {
      if (words.length !== 3) errors.push({ line, message: 'expected "link NODE:IFACE NODE:IFACE" or "link NODE:IFACE SWITCH"' });
      else pendingLinks.push({ words: words.slice(1), line });
      return;
    }
    if (!sawSection) {
      errors.push({ line, message: `expected "node …", "link …", "@NODE" or a comment, not "${trimmed}"` });
      return;
    }
    if (current !== undefined) steps.push({ node: current, command: raw.replace(/\r$/, ''), line });
  });
  // Links are checked once every node is known (a link may name a node declared below it).
  for (const { words, line } of pendingLinks) {
    const ends: ScriptLinkEnd[] = [];
    for (const w of words) {
      const colon = w.indexOf(':');
      const name = colon < 0 ? w : w.slice(0, colon);
      const iface = colon < 0 ? undefined : w.slice(colon + 1);
      const node = byName.get(name);
      if (!node) {
        errors.push({ line, message: `link: no node "${name}" was declared` });
        continue;
      }
      if (node.kind === 'switch') {
        if (iface !== undefined) errors.push({ line, message: `link: ${name} is a switch; link to it by name, without an interface` });
        else ends.push({ node: name, text: w });
        continue;
      }
      if (iface === undefined || !IFACE_RE.test(iface)) {
        errors.push({ line, message: iface === undefined ? `link: ${name} is a ${node.kind}; name its interface, as ${name}:eth0` : `link: "${iface}" is not an interface name (aliases like eth0:0 are addresses, not devices)` });
        continue;
      }
      if (iface === 'lo' || iface === 'tunl0') {
        errors.push({ line, message: `link: ${iface} cannot be cabled` });
        continue;
      }
      ends.push({ node: name, iface, text: w });
    }
    if (ends.length !== 2) continue;
    if (ends[0]!.iface !== undefined && ends[0]!.text === ends[1]!.text) {
      errors.push({ line, message: `link: ${ends[0]!.text} cannot be linked to itself` });
      continue;
    }
    // An interface is taken only by a link whose both ends are good.
    const taken = ends.filter((e) => e.iface !== undefined && usedIfaces.has(`${e.node}:${e.iface}`));
    for (const e of taken) errors.push({ line, message: `link: ${e.node}:${e.iface} is already linked on line ${usedIfaces.get(`${e.node}:${e.iface}`)}` });
    if (taken.length > 0) continue;
    for (const e of ends) if (e.iface !== undefined) usedIfaces.set(`${e.node}:${e.iface}`, line);
    links.push({ a: ends[0]!, b: ends[1]!, line });
  }
  for (const name of [...meta.roles.keys(), ...meta.positions.keys(), ...meta.httpdPorts.keys()]) {
    if (!byName.has(name)) errors.push({ line: 0, message: `metadata names node "${name}", which is not declared` });
  }
  for (const s of meta.scenario) {
    if (!byName.has(s.action.node) || byName.get(s.action.node)!.kind === 'switch') errors.push({ line: 0, message: `@scenario: "${s.action.node}" is not a declared host or router` });
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, script: { nodes, links, steps, meta } };
}
