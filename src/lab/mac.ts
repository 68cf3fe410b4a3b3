/**
 * A stable MAC for a new interface: VMware's 00:0c:29 prefix, as on the seeds' virtual machines,
 * and three bytes hashed from the node and interface names (FNV-1a).
 */
export function macFor(node: string, iface: string, salt = 0): string {
  let h = 0x811c9dc5 ^ salt;
  for (const ch of `${node}/${iface}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  const b = [0x00, 0x0c, 0x29, (h >>> 16) & 255, (h >>> 8) & 255, h & 255];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}
