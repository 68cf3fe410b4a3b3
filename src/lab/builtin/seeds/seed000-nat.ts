import { headerLines } from '../../script/metadata.ts';
/**
 * Seed 000 §3 (LVS-NAT) as lab scripts. The seed's command lines are kept verbatim; lines the
 * seed does not show (the machines' own addresses) are marked "lab setup"; editor steps (vim)
 * are written with echo; package installs and the NFS share (which only provides the pages) are
 * left out, and each web server gets its page directly.
 */

/** The client and the director's outside network: 12.0.0.0/24; the web servers: 192.168.2.0/24. */
function natScript(verbatim: boolean): string {
  const webGateway = verbatim ? '192.168.122.10' : '192.168.2.10';
  const snatSource = verbatim ? '192.168.122.0/24' : '192.168.2.0/24';
  // §3.(2) loads every IPVS module with a loop; the seed writes $1 where it means $i.
  const moduleVar = verbatim ? '$1' : '$i';
  const title = verbatim
    ? { en: 'Seed 000 §3 LVS-NAT, as written (gateway and SNAT typos)', zh: '种子文章 000 §3 LVS-NAT（照原文：网关与 SNAT 笔误）' }
    : { en: 'Seed 000 §3 LVS-NAT, corrected', zh: '种子文章 000 §3 LVS-NAT（已更正）' };
  const description = verbatim
    ? {
      en: 'The deployment of seed 000 §3.2 exactly as the article gives it. Two typos break it. The web servers are told to use 192.168.122.10 as their gateway, but the director\'s inside address is 192.168.2.10: the kernel refuses the route (Error: Nexthop has invalid gateway.), so the web servers have no route back to the client 12.0.0.88; the director forwards the request (IPVS rewrites the destination), but the answer cannot leave the web server, and curl gives up after the SYN retries (Connection timed out). The SNAT rule names 192.168.122.0/24 while the servers are in 192.168.2.0/24, so it never matches (LVS-NAT does not need it: IPVS itself rewrites the replies; the rule is for connections the servers open themselves). The module loop of §3.(2) uses $1 (a positional parameter, unset in an interactive shell) where it means $i: it prints one empty line per module and loads nothing (modinfo, given no module name, fails silently), which is harmless here because §2.1\'s modprobe ip_vs has already loaded ip_vs (ipvsadm would load it anyway, and the kernel loads the rr scheduler when the service is added).',
      zh: '完全按照种子文章 000 §3.2 的部署。有两处笔误使它无法工作。文中让 Web 服务器以 192.168.122.10 为网关，但调度器内网地址是 192.168.2.10：内核拒绝这条路由（Error: Nexthop has invalid gateway.），Web 服务器因此没有回到客户端 12.0.0.88 的路由；调度器转发了请求（IPVS 改写了目标地址），但应答无法离开 Web 服务器，curl 在 SYN 重传耗尽后放弃（Connection timed out）。SNAT 规则写的是 192.168.122.0/24，而服务器在 192.168.2.0/24，所以它永远不会匹配（LVS-NAT 并不需要它：应答由 IPVS 自己改写；这条规则用于服务器主动发起的连接）。§3.(2) 的模块加载循环把 $i 误写成 $1（交互式 shell 中未设置的位置参数）：它为每个模块打印一个空行，什么也不加载（modinfo 没有模块名，静默失败）；这在这里无害，因为 §2.1 的 modprobe ip_vs 已经加载了 ip_vs（ipvsadm 也会自动加载它，添加服务时内核会加载 rr 调度模块）。',
    }
    : {
      en: 'Seed 000 §3.2 with the two typos fixed: the web servers use the director\'s inside address 192.168.2.10 as their gateway, and the SNAT rule names their network 192.168.2.0/24. The client\'s requests to 12.0.0.10:80 alternate between the two servers (rr); the director rewrites the destination on the way in and the source on the way out. The last lines show the SNAT rule at work: when web1 pings the client, the client sees the director\'s address 12.0.0.10.',
      zh: '更正了两处笔误的种子文章 000 §3.2：Web 服务器以调度器内网地址 192.168.2.10 为网关，SNAT 规则写成它们所在的 192.168.2.0/24。客户端对 12.0.0.10:80 的请求在两台服务器间轮流分配（rr）；调度器在请求进入时改写目标地址，在应答返回时改写源地址。最后几行展示 SNAT 规则的作用：web1 ping 客户端时，客户端看到的源地址是调度器的 12.0.0.10。',
    };
  return `${headerLines(title, description, 1).join('\n')}
# @role client client
# @role director director
# @role web1 realserver
# @role web2 realserver
# @position client 80 260
# @position director 330 260
# @position sw 560 260
# @position web1 780 160
# @position web2 780 360
node client host
node director host
node sw switch
node web1 host
node web2 host
link client:eth0 director:ens36
link director:ens33 sw
link web1:ens33 sw
link web2:ens33 sw

@client
# lab setup (not in the seed): the client 12.0.0.88 uses the director as its gateway (§3.1 step 4)
ip addr add 12.0.0.88/24 dev eth0
ip link set eth0 up
ip route add default via 12.0.0.10

@web1
# lab setup: web1 192.168.2.100; the seed gives its gateway as ${webGateway}
ip addr add 192.168.2.100/24 dev ens33
ip link set ens33 up
ip route add default via ${webGateway}
systemctl disable firewalld
setenforce 0
systemctl start httpd
# the NFS share /opt/test1 would provide this page
echo "This is test1 web" > /var/www/html/index.html

@web2
ip addr add 192.168.2.101/24 dev ens33
ip link set ens33 up
ip route add default via ${webGateway}
systemctl disable firewalld
setenforce 0
systemctl start httpd
echo "This is test2 web" > /var/www/html/index.html

@director
# lab setup: inside ens33 192.168.2.10, outside ens36 12.0.0.10
ip addr add 192.168.2.10/24 dev ens33
ip addr add 12.0.0.10/24 dev ens36
ip link set ens33 up
ip link set ens36 up
# §2.1
modprobe ip_vs
cat /proc/net/ip_vs
systemctl disable firewalld
setenforce 0
# vim /etc/sysctl.conf: the line the seed adds at the end
echo "net.ipv4.ip_forward = 1" >> /etc/sysctl.conf
sysctl -p
iptables -t nat -A POSTROUTING -s ${snatSource} -o ens36 -j SNAT --to-source 12.0.0.10
# §3.(2) load the LVS modules
for i in $(ls /usr/lib/modules/$(uname -r)/kernel/net/netfilter/ipvs | grep -o "^[^.]*");do echo ${moduleVar}; /sbin/modinfo -F filename ${moduleVar} > /dev/null 2>&1 && /sbin/modprobe ${moduleVar};done
# §3.(3)
ipvsadm-save > /etc/sysconfig/ipvsadm
systemctl start ipvsadm
ipvsadm -C #清除原有策略
ipvsadm -A -t 12.0.0.10:80 -s rr
ipvsadm -a -t 12.0.0.10:80 -r 192.168.2.100:80 -m -w 1
ipvsadm -a -t 12.0.0.10:80 -r 192.168.2.101:80 -m -w 1
ipvsadm #启用策略
ipvsadm -ln
ipvsadm-save > /etc/sysconfig/ipvsadm
iptables -t nat -L -n

@client
curl http://12.0.0.10/
curl http://12.0.0.10/

@director
ipvsadm -Lnc

@client
tcpdump -n -i eth0 icmp &

@web1
ping -c 1 12.0.0.88
`;
}

/** The verbatim NAT lab: the seed's gateway and SNAT typos. */
export const SEED000_NAT_VERBATIM = natScript(true);

/** The NAT lab with the typos corrected. */
export const SEED000_NAT_CORRECTED = natScript(false);
