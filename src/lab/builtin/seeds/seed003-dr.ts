import { headerLines } from '../../script/metadata.ts';
/**
 * Seed 003 (LVS-DR on one bridged LAN) as lab scripts. The seed's command lines are kept
 * verbatim, including `iptables -F ;setenf orce 0`; the machines' own addresses are "lab setup"
 * (the seed gives no netmask: /16 puts 172.17.251.236 and 172.17.253.x on the one LAN the seed
 * describes); the vim step is written with echo; the package install is left out, and "开启web"
 * becomes `systemctl start httpd` with a page.
 */

function seed003Script(verbatim: boolean): string {
  const setenforce = verbatim ? 'iptables -F ;setenf orce 0' : 'iptables -F ;setenforce 0';
  const firstServer = verbatim ? '172.17.253.132' : '172.17.251.236';
  const title = verbatim
    ? { en: 'Seed 003 LVS-DR, as written (the director lists itself as a real server)', zh: '种子文章 003 LVS-DR（照原文：调度器把自己列为真实服务器）' }
    : { en: 'Seed 003 LVS-DR, corrected', zh: '种子文章 003 LVS-DR（已更正）' };
  const description = verbatim
    ? {
      en: 'The DR deployment of seed 003 as written. Its first real server is 172.17.253.132 — the director\'s own address — instead of the back end 172.17.251.236, which is configured but never used. For a real server that is a local address, DR transmission hands the packet to the director\'s own stack unchanged; nothing listens on port 80 there, so every request scheduled to it is answered with a reset (curl: Connection refused) while the others reach 172.17.253.253. The typo "setenf orce 0" makes bash answer "command not found": SELinux would stay enforcing, which this lab does not simulate and which does not stop httpd serving its default DocumentRoot.',
      zh: '按原文部署的种子文章 003 DR 模式。文中第一台真实服务器是 172.17.253.132——调度器自己的地址——而不是后端 172.17.251.236，后者配置好了却从未被使用。真实服务器是本机地址时，DR 转发会把数据包原样交给调度器自己的协议栈；那里没有程序监听 80 端口，所以调度到它的请求都会收到 RST（curl：Connection refused），其余请求到达 172.17.253.253。笔误 "setenf orce 0" 让 bash 回答 "command not found"：SELinux 仍为 enforcing，本实验不模拟 SELinux，它也不妨碍 httpd 提供默认 DocumentRoot 的页面。',
    }
    : {
      en: 'Seed 003 with the real servers it describes, 172.17.251.236 and 172.17.253.253, and "setenforce 0" spelt correctly. The director holds the VIP 172.17.253.100 on ens33:0; the real servers hold it on lo:0 and set arp_ignore=1 and arp_announce=2 through /proc, so only the director answers ARP for the VIP. Requests from the client on the same LAN alternate between the two servers (wrr with equal weights), and the servers answer the client directly. The director\'s ip_forward=1 from the seed is not needed for DR but does no harm.',
      zh: '使用原文所述真实服务器 172.17.251.236 和 172.17.253.253、并把 "setenforce 0" 写对的种子文章 003。调度器在 ens33:0 上持有 VIP 172.17.253.100；真实服务器在 lo:0 上持有 VIP，并通过 /proc 设置 arp_ignore=1 和 arp_announce=2，所以只有调度器应答 VIP 的 ARP 请求。同一局域网中客户端的请求在两台服务器间交替（权重相同的 wrr），服务器直接回复客户端。原文为调度器开启的 ip_forward=1 对 DR 不是必需的，但也无害。',
    };
  return `${headerLines(title, description, 1).join('\n')}
# @role client client
# @role director director
# @role rs1 realserver
# @role rs2 realserver
# @position client 80 260
# @position lan 330 260
# @position director 560 110
# @position rs1 560 300
# @position rs2 560 450
node client host
node lan switch
node director host
node rs1 host
node rs2 host
link client:eth0 lan
link director:ens33 lan
link rs1:ens33 lan
link rs2:ens33 lan

@client
# lab setup (not in the seed): the browser's machine on the bridged LAN
ip addr add 172.17.1.1/16 dev eth0
ip link set eth0 up

@director
# lab setup: 一块网卡172.17.253.132，桥接
ip addr add 172.17.253.132/16 dev ens33
ip link set ens33 up
grep -i -C 10 "ipvs" /boot/config-VERSION-RELEASE.x86_64
${setenforce}
ifconfig ens33:0 172.17.253.100 broadcast 172.17.253.100 netmask 255.255.255.255 up
route add -host 172.17.253.100 dev ens33:0
ipvsadm -A -t 172.17.253.100:80 -s wrr
ipvsadm -a -t 172.17.253.100:80 -r ${firstServer}:80 -g -w 1
ipvsadm -a -t 172.17.253.100:80 -r 172.17.253.253:80 -g -w 1
# vim /etc/sysctl.conf
echo "net.ipv4.ip_forward=1" >> /etc/sysctl.conf
sysctl -p

@rs1
# lab setup: 后端服务器 172.17.251.236
ip addr add 172.17.251.236/16 dev ens33
ip link set ens33 up
iptables -F ;setenforce 0
ifconfig lo:0 172.17.253.100 broadcast 172.17.253.100 netmask 255.255.255.255 up
route add -host 172.17.253.100 lo:0
echo "1" > /proc/sys/net/ipv4/conf/lo/arp_ignore
echo "2" > /proc/sys/net/ipv4/conf/lo/arp_announce
echo "1" > /proc/sys/net/ipv4/conf/all/arp_ignore
echo "2" > /proc/sys/net/ipv4/conf/all/arp_announce
# 开启web服务
systemctl start httpd
echo "This is 172.17.251.236" > /var/www/html/index.html

@rs2
ip addr add 172.17.253.253/16 dev ens33
ip link set ens33 up
iptables -F ;setenforce 0
ifconfig lo:0 172.17.253.100 broadcast 172.17.253.100 netmask 255.255.255.255 up
route add -host 172.17.253.100 lo:0
echo "1" > /proc/sys/net/ipv4/conf/lo/arp_ignore
echo "2" > /proc/sys/net/ipv4/conf/lo/arp_announce
echo "1" > /proc/sys/net/ipv4/conf/all/arp_ignore
echo "2" > /proc/sys/net/ipv4/conf/all/arp_announce
systemctl start httpd
echo "This is 172.17.253.253" > /var/www/html/index.html

@client
# 验证：在浏览器上访问172.17.253.100(vip)
curl http://172.17.253.100/
curl http://172.17.253.100/
curl http://172.17.253.100/
curl http://172.17.253.100/

@director
ipvsadm -Ln
`;
}

/** The verbatim seed 003 lab. */
export const SEED003_DR_VERBATIM = seed003Script(true);

/** Seed 003 with its mistakes corrected. */
export const SEED003_DR_CORRECTED = seed003Script(false);
