import type { LabDocument } from '../document.ts';
import { drArpAnnounceLab, drArpIgnoreLab } from './arp-problems.ts';
import { drLab } from './dr.ts';
import { natLab } from './nat.ts';
import { drDirectorGatewayLab, drNoVipLab, natGatewayLab, natNoForwardLab, tunRpFilterLab, tunTunl0DownLab } from './misconfigured.ts';
import { natFirewallLab } from './nat-firewall.ts';
import { tunLab, tunMtuLab } from './tun.ts';

/** The labs built in code, in menu order (their titles are in `titles.ts`, in the same order). */
export const HAND_BUILT_LABS: readonly { readonly id: string; readonly doc: LabDocument }[] = [
  { id: 'nat', doc: natLab },
  { id: 'dr', doc: drLab },
  { id: 'tun', doc: tunLab },
  { id: 'tun-mtu', doc: tunMtuLab },
  { id: 'dr-arp-ignore', doc: drArpIgnoreLab },
  { id: 'dr-arp-announce', doc: drArpAnnounceLab },
  { id: 'nat-firewall', doc: natFirewallLab },
  { id: 'dr-no-vip', doc: drNoVipLab },
  { id: 'tun-rp-filter', doc: tunRpFilterLab },
  { id: 'nat-gateway', doc: natGatewayLab },
  { id: 'nat-no-forward', doc: natNoForwardLab },
  { id: 'dr-director-gateway', doc: drDirectorGatewayLab },
  { id: 'tun-tunl0-down', doc: tunTunl0DownLab },
];
