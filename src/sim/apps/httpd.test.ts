import { describe, expect, it } from 'vitest';
import { Network } from '../network.ts';
import { AccessLog } from './httpd.ts';
import { routedLab } from '../testing/labs.ts';

describe('httpd (Apache 2.4 serving /var/www/html/index.html)', () => {
  it('selects the file by the path without its query string, as r->uri does', () => {
    const net = new Network(routedLab(), { seed: 1, trace: false });
    const get = (path: string) => {
      const h = net.start({ kind: 'curl', node: 'client', url: `http://192.168.1.101${path}` });
      net.settle(h);
      return h.result?.kind === 'curl' && h.result.ok ? { status: h.result.status, body: h.result.body } : undefined;
    };
    expect(get('/')).toEqual({ status: 200, body: 'This is web1\n' });
    expect(get('/?q=xxxx')).toEqual({ status: 200, body: 'This is web1\n' });
    expect(get('/index.html?a=1&b=2')).toEqual({ status: 200, body: 'This is web1\n' });
    const missing = get('/nope?q=1');
    expect(missing?.status).toBe(404);
    expect(missing?.body).toContain('<p>The requested URL /nope was not found on this server.</p>');
  });

  describe('access log', () => {
    it('keeps every request in order, however many, with the head of each', () => {
      const log = new AccessLog();
      const head = 'GET / HTTP/1.1\r\nUser-Agent: curl/7.29.0\r\nHost: x\r\nAccept: */*';
      for (let i = 0; i < 200; i++) log.add(i, 0xc0a87a64 + (i % 2), i % 3 === 0 ? 'HEAD / HTTP/1.1\r\nHost: x' : head, i % 3 === 0 ? 'HEAD / HTTP/1.1' : 'GET / HTTP/1.1', 200, i % 3 === 0 ? 0 : 6);
      const entries = log.entries();
      expect(entries).toHaveLength(200);
      expect(entries[0]).toEqual({ timeUs: 0, clientAddr: 0xc0a87a64, requestLine: 'HEAD / HTTP/1.1', status: 200, bodyBytes: 0, userAgent: '-' });
      expect(entries[199]).toEqual({ timeUs: 199, clientAddr: 0xc0a87a65, requestLine: 'GET / HTTP/1.1', status: 200, bodyBytes: 6, userAgent: 'curl/7.29.0' });
    });
  });
});
