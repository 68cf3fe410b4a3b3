// Test-only: byte fixtures of real frames, copied by hand from published captures. Each says where
// it comes from; the tests recompute every checksum independently before trusting one.
import { bytesFromHex } from '../hex.ts';

/**
 * An ARP request, 192.168.2.2 (98:5a:eb:dd:1c:64) asking for 157.55.235.145, as captured with
 * its 18 bytes of padding; quoted with its FCS f1 ff 34 21 in an Ethernet FCS test bench
 * (eth_fcs_tb), so the CRC-32 proves these 60 bytes are exactly the captured ones.
 */
export const ARP_REQUEST_FRAME = bytesFromHex(`
  ffff ffff ffff 985a ebdd 1c64 0806 0001
  0800 0604 0001 985a ebdd 1c64 c0a8 0202
  0000 0000 0000 9d37 eb91 0000 0000 0000
  0000 0000 0000 0000 0000 0000
`);
/** The FCS that followed ARP_REQUEST_FRAME on the wire, in wire order. */
export const ARP_REQUEST_FCS = bytesFromHex('f1ff 3421');

// A TCP connection from `tcpdump -XvvennSs 0 host info.cern.ch` while running
// `wget http://info.cern.ch` (a "Learning tcpdump" write-up, 2021-06-06): 192.168.65.3:58286
// (02:50:00:00:00:01, Linux) to 188.184.21.108:80 (behind f6:16:36:bc:f9:c6). tcpdump -vv
// printed every TCP checksum as "(correct)". The Ethernet headers are the ones its -e line shows.

/** Linux's SYN: "Flags [S], cksum 0x9cfc (correct), seq 3356944636, win 64240, options [mss 1460,sackOK,TS val 3099954794 ecr 0,nop,wscale 7]". */
export const TCP_SYN_FRAME = bytesFromHex(`
  f616 36bc f9c6 0250 0000 0001 0800
  4500 003c 2d5c 4000 4006 3990 c0a8 4103
  bcb8 156c e3ae 0050 c816 e8fc 0000 0000
  a002 faf0 9cfc 0000 0204 05b4 0402 080a
  b8c5 8e6a 0000 0000 0103 0307
`);

/** The server's SYN-ACK: "Flags [S.], cksum 0xc396 (correct), seq 452869015, ack 3356944637, win 65535, options [mss 1460,wscale 2,eol]". */
export const TCP_SYN_ACK_FRAME = bytesFromHex(`
  0250 0000 0001 f616 36bc f9c6 0800
  4500 0030 9d02 0000 2606 23f6 bcb8 156c
  c0a8 4103 0050 e3ae 1afe 3b97 c816 e8fd
  7012 ffff c396 0000 0204 05b4 0303 0200
`);

/** The client's ACK, 54 bytes as captured on the sending host (the NIC pads it to 60): "Flags [.], cksum 0xee64 (correct)". */
export const TCP_ACK_FRAME = bytesFromHex(`
  f616 36bc f9c6 0250 0000 0001 0800
  4500 0028 2d5d 4000 4006 39a3 c0a8 4103
  bcb8 156c e3ae 0050 c816 e8fd 1afe 3b98
  5010 01f6 ee64 0000
`);

/** The HTTP request: "Flags [P.], cksum 0xa0e8 (correct), seq 3356944637:3356944712, ack 452869016, win 502, length 75". */
export const TCP_HTTP_GET_FRAME = bytesFromHex(`
  f616 36bc f9c6 0250 0000 0001 0800
  4500 0073 2d5e 4000 4006 3957 c0a8 4103
  bcb8 156c e3ae 0050 c816 e8fd 1afe 3b98
  5018 01f6 a0e8 0000 4745 5420 2f20 4854
  5450 2f31 2e31 0d0a 486f 7374 3a20 696e
  666f 2e63 6572 6e2e 6368 0d0a 5573 6572
  2d41 6765 6e74 3a20 5767 6574 0d0a 436f
  6e6e 6563 7469 6f6e 3a20 636c 6f73 650d
  0a0d 0a
`);
/** The payload of TCP_HTTP_GET_FRAME. */
export const HTTP_GET_TEXT = 'GET / HTTP/1.1\r\nHost: info.cern.ch\r\nUser-Agent: Wget\r\nConnection: close\r\n\r\n';

/**
 * A DNS response, 172.16.255.1:53 > 172.29.20.15:35181 (MX records of xkcd.com), from gopacket's
 * layers/udp_test.go (testUDPPacketDNS, a real capture; UDP checksum 30026 = 0x754a).
 */
export const UDP_DNS_FRAME = bytesFromHex(`
  24be 0527 0b17 001f cab3 75c0 0800 4500
  00e6 68cf 0000 3f11 a6f9 ac10 ff01 ac1d
  140f 0035 896d 00d2 754a b8d8 8180 0001
  0007 0000 0000 0478 6b63 6403 636f 6d00
  000f 0001 c00c 000f 0001 0000 0258 0018
  0014 0441 4c54 3205 4153 504d 5801 4c06
  474f 4f47 4c45 c011 c00c 000f 0001 0000
  0258 0016 001e 0641 5350 4d58 320a 474f
  4f47 4c45 4d41 494c c011 c00c 000f 0001
  0000 0258 000b 001e 0641 5350 4d58 33c0
  53c0 0c00 0f00 0100 0002 5800 0b00 1e06
  4153 504d 5834 c053 c00c 000f 0001 0000
  0258 000b 001e 0641 5350 4d58 35c0 53c0
  0c00 0f00 0100 0002 5800 0400 0ac0 2dc0
  0c00 0f00 0100 0002 5800 0900 1404 414c
  5431 c02d
`);

/**
 * A Linux `ping` echo request, 172.16.1.1 > 172.16.2.1, id 4724, seq 1, 56 data bytes (a timeval
 * then 0x10..0x37): the inner packet of gopacket's layers/gre_test.go testPacketGRE, a real capture.
 */
export const ICMP_ECHO_REQUEST_PACKET = bytesFromHex(`
  4500 0054 0488 4000 4001 dafe ac10 0101
  ac10 0201 0800 82c4 1274 0001 c892 a354
  0000 0000 380c 0000 0000 0000 1011 1213
  1415 1617 1819 1a1b 1c1d 1e1f 2021 2223
  2425 2627 2829 2a2b 2c2d 2e2f 3031 3233
  3435 3637
`);

/**
 * A port unreachable from `tcpdump -nnvXSs 0 -c1 icmp` (a tcpdump cheat sheet): "192.168.102.35 >
 * 114.114.114.114: ICMP 192.168.102.35 udp port 50694 unreachable, length 36", quoting the IP
 * header and first 8 bytes of a DNS response (ttl 152, UDP length 92, checksum 0 = none).
 */
export const ICMP_PORT_UNREACHABLE_FRAME = bytesFromHex(`
  5869 6c88 7f64 784f 4392 ed7e 0800 4500
  0038 860e 0000 4001 e906 c0a8 6623 7272
  7272 0303 3665 0000 0000 4500 0070 0000
  0000 9811 16cd 7272 7272 c0a8 6623 0035
  c606 005c 0000
`);

/**
 * ICMP_ECHO_REQUEST_PACKET in an IPIP tunnel between the GRE endpoints of the same capture
 * (192.168.1.1 > 192.168.1.2, id 0x843c, DF, ttl 64): the capture's outer header with protocol
 * 47 → 4 and the 4-byte GRE header gone, which is what `ip tunnel add … mode ipip` between those
 * hosts sends. No IPIP capture with bytes was at hand; the outer checksum 0x3302 was recomputed.
 */
export const IPIP_ECHO_REQUEST_PACKET = bytesFromHex(`
  4500 0068 843c 4000 4004 3302 c0a8 0101
  c0a8 0102
  ${Array.from(ICMP_ECHO_REQUEST_PACKET, (b) => b.toString(16).padStart(2, '0')).join('')}
`);

/** The frame that carried the GRE packet, with IPIP_ECHO_REQUEST_PACKET in place of the GRE packet. */
export const IPIP_ECHO_REQUEST_FRAME = bytesFromHex(`
  3a56 6b69 595e 8e7a 12c3 a971 0800
  ${Array.from(IPIP_ECHO_REQUEST_PACKET, (b) => b.toString(16).padStart(2, '0')).join('')}
`);
