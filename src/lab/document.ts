import type { LinkConfig, NetworkConfig, NodeConfig, ScheduledAction } from '../sim/model/config.ts';

/** The lab document format version this code writes. */
export const LAB_VERSION = 1;

/** Text in both of the app's languages. */
export interface LocalizedText {
  readonly en: string;
  readonly zh: string;
}

/** What a node is for in the lesson; decides its icon and the role names of its addresses. */
export type NodeRole = 'client' | 'router' | 'switch' | 'director' | 'realserver' | 'nfs' | 'host';

export const NODE_ROLES: readonly NodeRole[] = ['client', 'router', 'switch', 'director', 'realserver', 'nfs', 'host'];

/** A node: its Linux configuration plus where it is drawn and what it plays. */
export interface LabNode extends NodeConfig {
  readonly role: NodeRole;
  readonly position: { readonly x: number; readonly y: number };
}

/**
 * A lab: the single source of truth for a topology and every node's configuration, plus the
 * traffic it starts with. Plain JSON with a version number.
 */
export interface LabDocument {
  readonly version: typeof LAB_VERSION;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  /** The default seed: decides races such as who answers an ARP request first. */
  readonly seed: number;
  readonly nodes: readonly LabNode[];
  readonly links: readonly LinkConfig[];
  /** Traffic started when the lab is played, at virtual times. */
  readonly scenario: readonly ScheduledAction[];
}

/** The part of a document the simulation runs. */
export function toNetworkConfig(doc: LabDocument): NetworkConfig {
  return { nodes: doc.nodes, links: doc.links };
}

/** The node with this id. */
export function findNode(doc: LabDocument, id: string): LabNode | undefined {
  return doc.nodes.find((n) => n.id === id);
}

/** A copy of the document with one node replaced by `fn(node)`. */
export function updateNode(doc: LabDocument, id: string, fn: (n: LabNode) => LabNode): LabDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? fn(n) : n)) };
}
