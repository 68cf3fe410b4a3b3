import { describe, expect, it } from 'vitest';
import { formatLabError, validateLab } from '../validate.ts';
import { ShellFixture } from './testing/fixture.ts';

/** A session that touches every configuration command; the lab must stay valid after each line. */
const SESSION: readonly (readonly [string, string])[] = [
  ['director', 'modprobe ip_vs'],
  ['director', 'modprobe ipip'],
  ['director', 'ip link set tunl0 up'],
  ['director', 'ip addr add 10.0.1.188/32 dev tunl0'],
  ['director', 'ifconfig ens33:0 192.168.122.188 broadcast 192.168.122.188 netmask 255.255.255.255 up'],
  ['director', 'ip addr add 192.168.122.189/24 dev ens33 label ens33:1'],
  ['director', 'ip addr add 127.0.0.2/8 dev lo'],
  ['director', 'ip link set ens33 mtu 1400'],
  ['director', 'ip link set dev ens33 address 00:0c:29:00:00:01'],
  ['director', 'ip route add 10.0.0.0/8 via 192.168.122.1 metric 10'],
  ['director', 'ip route add unreachable 172.16.0.0/12'],
  ['director', 'route add -host 192.168.122.250 dev ens33:0'],
  ['director', 'route add -net 10.20.0.0 netmask 255.255.0.0 gw 192.168.122.1'],
  ['director', 'route add -host 10.9.9.9 reject'],
  ['director', 'sysctl -w net.ipv4.ip_forward=1'],
  ['director', 'sysctl -w net.ipv4.conf.tunl0.rp_filter=0'],
  ['director', 'echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore'],
  ['director', 'echo "net.ipv4.conf.default.arp_announce = 2" >> /etc/sysctl.conf'],
  ['director', 'sysctl -p'],
  ['director', 'sysctl -w net.ipv4.vs.conntrack=1'],
  ['director', 'sysctl -w net.ipv4.neigh.ens33.locktime=50'],
  ['director', 'iptables -t nat -A POSTROUTING -s 192.168.122.0/24 -o ens33 -j SNAT --to-source 192.168.122.10'],
  ['director', 'iptables -t nat -I PREROUTING -d 192.168.122.10 -p tcp --dport 8080 -j DNAT --to-destination 192.168.122.100:80'],
  ['director', 'iptables -t nat -A POSTROUTING ! -d 192.168.0.0/16 -j MASQUERADE'],
  ['director', 'iptables -t mangle -A PREROUTING -d 192.168.122.188 -p tcp --dport 80 -j MARK --set-mark 1'],
  ['director', 'ipvsadm -A -t 192.168.122.188:80 -s wrr'],
  ['director', 'ipvsadm -a -t 192.168.122.188:80 -r 192.168.122.100 -g -w 3'],
  ['director', 'ipvsadm -A -f 1 -s rr -p 60'],
  ['director', 'ipvsadm -a -f 1 -r 192.168.122.100 -g'],
  ['director', 'ipvsadm-save -n > /etc/sysconfig/ipvsadm'],
  ['director', 'systemctl stop ipvsadm'],
  ['director', 'systemctl start ipvsadm'],
  ['director', 'systemctl enable ipvsadm'],
  ['director', 'cd /etc/sysconfig/network-scripts'],
  ['director', 'cp ifcfg-ens33 ifcfg-ens33:2'],
  ['director', 'echo "DEVICE=ens33:2" > ifcfg-ens33:2'],
  ['director', 'echo "IPADDR=192.168.122.190" >> ifcfg-ens33:2'],
  ['director', 'echo "NETMASK=255.255.255.255" >> ifcfg-ens33:2'],
  ['director', 'ifup ens33:2'],
  ['director', 'ifdown ens33:2'],
  ['director', 'mkdir -p /opt/test1'],
  ['director', 'echo "This is test1 web" > /opt/test1/index.html'],
  ['director', 'ip addr del 192.168.122.10/24 dev ens33'],
  ['director', 'ip link set ens33 down'],
  ['director', 'ip link set ens33 up'],
  ['director', 'ip addr flush dev ens33'],
  ['director', 'ifconfig ens33 192.168.122.10 netmask 255.255.255.0'],
  ['director', 'iptables -t nat -F'],
  ['director', 'ipvsadm -C'],
  ['director', 'modprobe -r ip_vs'],
  ['director', 'modprobe -r ipip'],
  ['web1', 'ifconfig lo:0 192.168.122.188 broadcast 192.168.122.188 netmask 255.255.255.255 up'],
  ['web1', 'route add -host 192.168.122.188 lo:0'],
  ['web1', 'systemctl start httpd'],
  ['web1', 'echo "This is test1 web" > /var/www/html/index.html'],
  ['web1', 'systemctl enable httpd'],
  ['web1', 'ifconfig lo:0 down'],
  ['web1', 'systemctl disable httpd --now'],
];

describe('every document the shell produces validates', () => {
  it('after each line of a long session', () => {
    const f = new ShellFixture();
    for (const [node, line] of SESSION) {
      const r = f.run(node, line);
      const v = validateLab(r.doc);
      if (!v.ok) throw new Error(`after "${line}" on ${node}: ${v.errors.map(formatLabError).join('; ')}`);
      expect(r.exitCode, `${node}$ ${line}\n${r.stderr}`).toBe(0);
    }
  });
});
