import type { LabDocument } from '../../document.ts';
import { formatScriptError, parseLabScript } from '../../script/parse.ts';
import { replayLabScript } from '../../script/replay.ts';
import { ShellSession, type ShellResult, type ShellSessionOptions } from '../session.ts';

/** A lab built from script text (for tests); throws on a script error, which is a bug in the test. */
export function labFromScript(text: string): LabDocument {
  const parsed = parseLabScript(text);
  if (!parsed.ok) throw new Error(parsed.errors.map(formatScriptError).join('\n'));
  return replayLabScript(parsed.script).doc;
}

/** A small DR-style LAN for shell tests: a router, a director and a host on one switch, configured. */
export const TEST_LAN = `
node gw router
node sw switch
node director host
node web1 host
link gw:eth0 sw
link director:ens33 sw
link web1:ens33 sw
@gw
ip addr add 192.168.122.1/24 dev eth0
ip link set eth0 up
@director
ip addr add 192.168.122.10/24 dev ens33
ip link set ens33 up
ip route add default via 192.168.122.1
@web1
ip addr add 192.168.122.100/24 dev ens33
ip link set ens33 up
`;

/** A shell on a lab that keeps the edited document between commands, as the app does. */
export class ShellFixture {
  doc: LabDocument;
  readonly shell: ShellSession;

  constructor(script = TEST_LAN, opts: ShellSessionOptions = {}) {
    this.doc = labFromScript(script);
    this.shell = new ShellSession(opts);
  }

  /** Runs a line on a node and keeps the resulting document. */
  run(node: string, line: string): ShellResult {
    const r = this.shell.exec(this.doc, node, line);
    this.doc = r.doc;
    return r;
  }

  /** The node of the current document. */
  node(id: string) {
    const n = this.doc.nodes.find((x) => x.id === id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  }
}
