import { headerLines } from '../../script/metadata.ts';
/**
 * Seed 000 §4.5 (LVS-DR) as lab scripts. The seed's command lines are kept verbatim; the
 * machines' own addresses, the outside client and its gateway router are "lab setup"; the vim
 * steps are written with echo; `ifup ens33:0`, which the seed's `ifconfig ens33:0` output
 * implies but does not show, is added; package installs and the NFS share are left out.
 */

function drScript(verbatim: boolean): string {
  const service = verbatim ? '192.168.2.188' : '192.168.122.188';
  const title = verbatim
    ? { en: 'Seed 000 §4.5 LVS-DR, as written (service on 192.168.2.188)', zh: '种子文章 000 §4.5 LVS-DR（照原文：服务配在 192.168.2.188）' }
    : { en: 'Seed 000 §4.5 LVS-DR, corrected', zh: '种子文章 000 §4.5 LVS-DR（已更正）' };
  const description = verbatim
    ? {
      en: 'The DR deployment of seed 000 §4.5 as the article gives it. Its ipvsadm lines create the virtual service on 192.168.2.188, a typo for the VIP 192.168.122.188. ipvsadm accepts a service on an address that is not local (the kernel never checks), but no packet to 192.168.2.188 ever reaches the director, so the service never matches. The client\'s requests for 192.168.122.188 still arrive at the director, which holds the VIP on ens33:0; with no matching service IPVS lets them through to the director\'s own TCP stack, where nothing listens on port 80, and the director answers with a reset: curl prints "Connection refused", and ipvsadm -Ln shows no connections.',
      zh: '按种子文章 000 §4.5 原文部署的 DR 模式。文中 ipvsadm 命令把虚拟服务建在 192.168.2.188 上，这是 VIP 192.168.122.188 的笔误。ipvsadm 接受非本机地址上的服务（内核从不检查），但发往 192.168.2.188 的数据包永远不会到达调度器，所以这个服务永远不会匹配。客户端访问 192.168.122.188 的请求仍然到达在 ens33:0 上持有 VIP 的调度器；没有匹配的服务，IPVS 放行给调度器自己的 TCP 协议栈，而调度器的 80 端口没有程序监听，于是回复 RST：curl 显示 "Connection refused"，ipvsadm -Ln 看不到任何连接。',
    }
    : {
      en: 'Seed 000 §4.5 with the service on the VIP 192.168.122.188. The gateway asks who has the VIP: the director answers (the web servers hold it on lo:0 but ignore the request, arp_ignore=1). The director picks a web server (rr; the last one added comes first) and forwards the request by changing only the destination MAC; the web server answers the client directly from the VIP through the gateway, asking for the gateway\'s MAC from its own address (arp_announce=2). The four requests alternate between the two pages, and since the director sees only the client\'s side of each connection they end in FIN_WAIT, counted as InActConn.',
      zh: '把服务建在 VIP 192.168.122.188 上的种子文章 000 §4.5。网关询问谁持有 VIP：调度器应答（Web 服务器在 lo:0 上也有 VIP，但忽略这个请求，arp_ignore=1）。调度器选择一台 Web 服务器（rr，最后添加的排在最前）并只改写目标 MAC 转发请求；Web 服务器以 VIP 为源地址经网关直接回复客户端，并用自己的地址询问网关的 MAC（arp_announce=2）。四次请求在两个页面间交替；调度器只看到每个连接客户端这一侧的报文，所以连接最终停在 FIN_WAIT，计入 InActConn。',
    };
  return `${headerLines(title, description, 1).join('\n')}
# @role client client
# @role director director
# @role web1 realserver
# @role web2 realserver
# @position client 60 260
# @position gw 230 260
# @position sw 410 260
# @position director 600 110
# @position web1 600 300
# @position web2 600 450
node client host
node gw router
node sw switch
node director host
node web1 host
node web2 host
link client:eth0 gw:eth1
link gw:eth0 sw
link director:ens33 sw
link web1:ens33 sw
link web2:ens33 sw

@gw
# lab setup (not in the seed): the router between the client and the LAN 192.168.122.0/24
ip addr add 12.0.0.1/24 dev eth1
ip addr add 192.168.122.1/24 dev eth0
ip link set eth1 up
ip link set eth0 up

@client
# lab setup: a client outside the LAN
ip addr add 12.0.0.12/24 dev eth0
ip link set eth0 up
ip route add default via 12.0.0.1

@director
# lab setup: DR服务器 192.168.122.10
ip addr add 192.168.122.10/24 dev ens33
ip link set ens33 up
ip route add default via 192.168.122.1
#关闭防火墙和selinux
systemctl stop firewalld
setenforce 0
cd /etc/sysconfig/network-scripts
cp ifcfg-ens33 ifcfg-ens33:0
# vim ifcfg-ens33:0
echo "DEVICE=ens33:0" > ifcfg-ens33:0
echo "ONBOOT=yes" >> ifcfg-ens33:0
echo "IPADDR=192.168.122.188" >> ifcfg-ens33:0
echo "NETMASK=255.255.255.255" >> ifcfg-ens33:0
# not shown in the seed, implied by its ifconfig output
ifup ens33:0
ifconfig ens33:0
# vim /etc/sysctl.conf
echo "net.ipv4.ip_forward = 0" >> /etc/sysctl.conf
echo "net.ipv4.conf.all.send_redirects = 0" >> /etc/sysctl.conf
echo "net.ipv4.conf.default.send_redirects = 0" >> /etc/sysctl.conf
echo "net.ipv4.conf.ens33.send_redirects = 0" >> /etc/sysctl.conf
sysctl -p
ipvsadm-save >/etc/sysconfig/ipvsadm
systemctl start ipvsadm
ipvsadm -C
#添加策略，若隧道模式，-g替换为-i
ipvsadm -A -t ${service}:80 -s rr
ipvsadm -a -t ${service}:80 -r 192.168.122.100:80 -g
ipvsadm -a -t ${service}:80 -r 192.168.122.101:80 -g
#保存策略并查看
ipvsadm
ipvsadm -ln

@web1
# lab setup: web1 192.168.122.100 behind the gateway
ip addr add 192.168.122.100/24 dev ens33
ip link set ens33 up
ip route add default via 192.168.122.1
cd /etc/sysconfig/network-scripts
#配置lo:0
cp ifcfg-lo ifcfg-lo:0
# vim ifcfg-lo:0
echo "DEVICE=lo:0" > ifcfg-lo:0
echo "ONBOOT=yes" >> ifcfg-lo:0
echo "IPADDR=192.168.122.188" >> ifcfg-lo:0
echo "NETMASK=255.255.255.255" >> ifcfg-lo:0
ifup lo:0
ifconfig lo:0
route add -host 192.168.122.188 dev lo:0
chmod +x /etc/rc.d/rc.local
# vim /etc/sysctl.conf
echo "net.ipv4.conf.lo.arp_ignore = 1" >> /etc/sysctl.conf
echo "net.ipv4.conf.lo.arp_announce = 2" >> /etc/sysctl.conf
echo "net.ipv4.conf.all.arp_ignore = 1" >> /etc/sysctl.conf
echo "net.ipv4.conf.all.arp_announce = 2" >> /etc/sysctl.conf
sysctl -p
systemctl start httpd
# the NFS share /opt/test1 would provide this page
echo "This is test1 web" > /var/www/html/index.html

@web2
ip addr add 192.168.122.101/24 dev ens33
ip link set ens33 up
ip route add default via 192.168.122.1
cd /etc/sysconfig/network-scripts
cp ifcfg-lo ifcfg-lo:0
echo "DEVICE=lo:0" > ifcfg-lo:0
echo "ONBOOT=yes" >> ifcfg-lo:0
echo "IPADDR=192.168.122.188" >> ifcfg-lo:0
echo "NETMASK=255.255.255.255" >> ifcfg-lo:0
ifup lo:0
ifconfig lo:0
route add -host 192.168.122.188 dev lo:0
chmod +x /etc/rc.d/rc.local
echo "net.ipv4.conf.lo.arp_ignore = 1" >> /etc/sysctl.conf
echo "net.ipv4.conf.lo.arp_announce = 2" >> /etc/sysctl.conf
echo "net.ipv4.conf.all.arp_ignore = 1" >> /etc/sysctl.conf
echo "net.ipv4.conf.all.arp_announce = 2" >> /etc/sysctl.conf
sysctl -p
systemctl start httpd
echo "This is test2 web" > /var/www/html/index.html

@client
curl http://192.168.122.188/
curl http://192.168.122.188/
curl http://192.168.122.188/
curl http://192.168.122.188/

@director
ipvsadm -Ln
`;
}

/** The verbatim DR lab: the service on 192.168.2.188. */
export const SEED000_DR_VERBATIM = drScript(true);

/** The DR lab with the service on the VIP. */
export const SEED000_DR_CORRECTED = drScript(false);
