import type { MacAddress } from '../../wire/mac-address.ts';
import type { Frame } from '../../wire/packet.ts';
import type { Link, Port, WireFrame } from '../context.ts';
import type { InterfaceKind } from '../model/config.ts';
import type { Neighbour } from './neighbour.ts';
import type { DevConf, NeighParms, Sysctl } from './sysctl.ts';

/** A capture on a device (the shell's `tcpdump -i`): sees frames in both directions. */
export type Tap = (direction: 'in' | 'out', timeUs: number, frame: Frame) => void;

/** The host side of a device: where its frames go, and the sysctls its settings come from. */
export interface FrameSink {
  readonly id: string;
  readonly sysctl: Sysctl;
  netifReceive(dev: NetDev, wf: WireFrame): void;
}

/** A network device (struct net_device): ethernet, loopback or the ipip fallback device tunl0. */
export class NetDev implements Port {
  link: Link | undefined;
  readonly taps = new Set<Tap>();
  /** The settings below, as of this sysctl generation. */
  private settingsOf = -1;
  /** This device's ARP entries by address, kept by the host's neighbour table. */
  neighbours: Map<number, Neighbour> | undefined;
  /** The entry of `neighbours` looked up last (kept by the neighbour table). */
  lastNeighbour: Neighbour | undefined;
  private conf: DevConf | undefined;
  private parms: NeighParms | undefined;
  /**
   * The device's statistics (dev->stats, what /proc/net/dev and ifconfig print): frames taken in
   * and sent, and their bytes from the Ethernet header on, without FCS.
   */
  rxPackets = 0;
  rxBytes = 0;
  txPackets = 0;
  txBytes = 0;

  constructor(
    private readonly host: FrameSink,
    readonly index: number,
    readonly name: string,
    readonly kind: InterfaceKind,
    public mac: MacAddress,
    public mtu: number,
    public up: boolean,
  ) {}

  get nodeId(): string {
    return this.host.id;
  }

  get portName(): string {
    return this.name;
  }

  /** Devices without ARP: loopback and tunnels (IFF_NOARP / no header_ops). */
  get noArp(): boolean {
    return this.kind !== 'ether';
  }

  /**
   * The device's IPv4 settings (in_device->cnf), already combined with `all` the way the kernel
   * reads each one (IN_DEV_MAXCONF, IN_DEV_ORCONF…). Re-read after every sysctl change.
   */
  get cnf(): DevConf {
    if (this.settingsOf !== this.host.sysctl.generation) this.refreshSettings();
    return this.conf!;
  }

  /** The device's ARP parameters (in_device->arp_parms). */
  get neighParms(): NeighParms {
    if (this.settingsOf !== this.host.sysctl.generation) this.refreshSettings();
    return this.parms!;
  }

  private refreshSettings(): void {
    const sysctl = this.host.sysctl;
    this.conf = sysctl.devConf(this.name);
    this.parms = sysctl.neighParms(this.name);
    this.settingsOf = sysctl.generation;
  }

  receive(wf: WireFrame): void {
    this.host.netifReceive(this, wf);
  }

  /** Counts a frame taken in: `bytes` as it came off the wire (padding included). */
  countRx(bytes: number): void {
    this.rxPackets++;
    this.rxBytes += bytes;
  }

  /** Counts a frame sent: skb->len, the frame before the NIC pads it to the 60-byte minimum. */
  countTx(bytes: number): void {
    this.txPackets++;
    this.txBytes += bytes;
  }
}
