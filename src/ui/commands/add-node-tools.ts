import type { NodeRole } from '../../lab/document.ts';
import type { Command } from './types.ts';

/** The add-node tool of one role; a click on the canvas (or Enter) places the node. */
function addNodeTool(role: Exclude<NodeRole, 'host'>, id: string, label: string, key: string): Command {
  return {
    id, label, group: 'tools', keys: [{ key }], recordsUndo: false,
    enabled: () => true,
    perform: ({ editor }) => editor.send({ type: 'tool.add_node', role }),
  };
}

/** N, R, S, D, W, M: add a client, router, switch, director, real (web) server or NFS server. */
export const addNodeTools: readonly Command[] = [
  addNodeTool('client', 'tool.addClient', 'tool.addClient', 'n'),
  addNodeTool('router', 'tool.addRouter', 'tool.addRouter', 'r'),
  addNodeTool('switch', 'tool.addSwitch', 'tool.addSwitch', 's'),
  addNodeTool('director', 'tool.addDirector', 'tool.addDirector', 'd'),
  addNodeTool('realserver', 'tool.addRealServer', 'tool.addRealServer', 'w'),
  addNodeTool('nfs', 'tool.addNfs', 'tool.addNfs', 'm'),
];
