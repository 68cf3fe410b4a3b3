import type { NodeRole } from '../../lab/document.ts';
import type { ChipText } from '../../render/packets/chips.ts';
import type { SceneText } from '../../render/topology/scene.ts';

type T = (key: string, params?: Readonly<Record<string, string | number>>) => string;

/** The translated name of a node role. */
export function roleLabel(t: T, role: NodeRole): string {
  switch (role) {
    case 'client': return t('canvas.role.client');
    case 'router': return t('canvas.role.router');
    case 'switch': return t('canvas.role.switch');
    case 'director': return t('canvas.role.director');
    case 'realserver': return t('canvas.role.realserver');
    case 'nfs': return t('canvas.role.nfs');
    case 'host': return t('canvas.role.host');
  }
}

/** Accessible names for the scene in the user's language. */
export function sceneText(t: T): SceneText {
  return {
    canvas: t('canvas.label'),
    node: (name, role) => t('canvas.nodeLabel', { role: roleLabel(t, role), name }),
  };
}

/** The words of ARP chips in the user's language. */
export function chipText(t: T): ChipText {
  return {
    whoHas: (ip) => t('canvas.chip.whoHas', { ip }),
    tell: (ip) => t('canvas.chip.tell', { ip }),
    isAt: (ip, mac) => t('canvas.chip.isAt', { ip, mac }),
  };
}
