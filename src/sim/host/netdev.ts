import type { MacAddress } from '../../wire/mac-address.ts';
import type { Frame } from '../../wire/packet.ts';
import type { Link, Port, WireFrame } from '../context.ts';
import type { InterfaceKind } from '../model/config.ts';

/** A capture on a device (the shell's `tcpdump -i`): sees frames in both directions. */
export type Tap = (direction: 'in' | 'out', timeUs: number, frame: Frame) => void;

/** The receiving side of a host, as a device needs it. */
export interface FrameSink {
  readonly id: string;
  netifReceive(dev: NetDev, wf: WireFrame): void;
}

/** A network device (struct net_device): ethernet, loopback or the ipip fallback device tunl0. */
export class NetDev implements Port {
  link: Link | undefined;
  readonly taps = new Set<Tap>();

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

  receive(wf: WireFrame): void {
    this.host.netifReceive(this, wf);
  }
}
