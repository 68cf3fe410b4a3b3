import type { LabDocument } from '../../document.ts';
import { done, type Command } from '../command.ts';
import { Output } from '../output.ts';
import { parseAddr, runAddr } from './addr.ts';
import { isIpError, matches, type IpError } from './args.ts';
import { parseLink, runLink } from './link.ts';
import { parseNeigh, runNeigh } from './neigh.ts';
import { parseRoute, runRoute } from './route.ts';

/** The objects of `ip` in iproute2's table order (the first whose name starts with the typed word wins). */
const OBJECTS = ['address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl', 'link', 'l2tp', 'fou', 'ila', 'macsec', 'tunnel', 'tuntap', 'tap', 'token', 'tcpmetrics', 'tcp_metrics', 'monitor', 'xfrm', 'mroute', 'mrule', 'netns', 'netconf', 'vrf', 'sr', 'nexthop', 'mptcp', 'ioam', 'stats', 'help'];

/** The iproute2 version whose output and messages this `ip` reproduces. */
export const IPROUTE2_VERSION = 'ip utility, iproute2-6.1.0, libbpf 1.1.0';

/**
 * ip (iproute2 6.1) with the objects address, link, route and neigh. Global options -4, -s,
 * -d, -V; the output of `ip -s` statistics is not simulated.
 */
export const ip: Command = (io) => {
  const out = new Output();
  const args = io.argv.slice(1);
  let ipv4Only = false;
  while (args[0]?.startsWith('-')) {
    const opt = args.shift()!;
    const o = opt.replace(/^--?/, '');
    if (o === '4') ipv4Only = true;
    else if (o === 'V' || matches(o, 'Version')) return done(out.out(`${IPROUTE2_VERSION}\n`), 0);
    else if (o === 'd' || matches(o, 'details')) continue;
    else if (o === 's' || matches(o, 'statistics') || matches(o, 'stats')) return done(out.err('lab: interface statistics are not simulated (try tcpdump to watch the traffic)\n'), 1);
    else if (o === 'h' || matches(o, 'help')) return done(out.err('lab: see the iproute2 ip(8) manual; this lab runs ip address, link, route and neigh\n'), 255);
    else return done(out.err(`Option "${opt}" is unknown, try "ip -help".\n`), 255);
  }
  const [objectWord, ...rest] = args;
  if (objectWord === undefined) {
    return done(out.err('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | fou | help | ila | ioam | l2tp | link |\n                   macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }\n       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n                    -4 | -6 | -M | -B | -0 |\n                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n                    -c[olor]}\n'), 255);
  }
  const object = OBJECTS.find((o) => matches(objectWord, o));
  const promisc = new Set(io.state.jobs.filter((j) => j.running && j.dev !== undefined).map((j) => j.dev!));
  let r: { stdout: string; doc?: LabDocument; stderr?: string } | IpError;
  switch (object) {
    case 'address': {
      const op = parseAddr(rest);
      r = isIpError(op) ? op : runAddr(op, io.doc, io.node, promisc, ipv4Only);
      break;
    }
    case 'link': {
      const op = parseLink(rest);
      r = isIpError(op) ? op : runLink(op, io.doc, io.node, promisc);
      break;
    }
    case 'route': {
      const op = parseRoute(rest);
      r = isIpError(op) ? op : runRoute(op, io.doc, io.node, io.runtime);
      break;
    }
    case 'neighbor':
    case 'neighbour': {
      const op = parseNeigh(rest);
      r = isIpError(op) ? op : runNeigh(op, io.node, io.runtime);
      break;
    }
    case undefined:
      r = { message: `Object "${objectWord}" is unknown, try "ip help".\n`, status: 1 };
      break;
    default:
      r = { message: `lab: "ip ${object}" is not simulated; this lab runs ip address, link, route and neigh\n`, status: 1 };
  }
  if (isIpError(r)) return done(out.err(r.message), r.status);
  out.err(r.stderr ?? '').out(r.stdout);
  return done(out, 0, r.doc);
};
