import { describe, expect, it } from 'vitest';
import { Network } from '../network.ts';
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
});
