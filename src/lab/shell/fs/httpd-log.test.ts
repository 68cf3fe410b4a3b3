import { describe, expect, it } from 'vitest';
import { accessLogLine } from './httpd-log.ts';

describe('the access log', () => {
  it('writes a line in Apache\'s combined format, escaping as ap_escape_logitem does', () => {
    expect(accessLogLine({ timeUs: 86_400_000_000 + 3_723_000_000, clientAddr: 0x0c00000c, requestLine: 'GET / HTTP/1.1', status: 200, bodyBytes: 18, userAgent: 'curl/7.29.0' }))
      .toBe('12.0.0.12 - - [02/Jan/1970:01:02:03 +0000] "GET / HTTP/1.1" 200 18 "-" "curl/7.29.0"\n');
    expect(accessLogLine({ timeUs: 0, clientAddr: 0xc0a87a0a, requestLine: 'GET /a"b\\c\u00e9 HTTP/1.1', status: 404, bodyBytes: 0, userAgent: '-' }))
      .toBe('192.168.122.10 - - [01/Jan/1970:00:00:00 +0000] "GET /a\\"b\\\\c\\xc3\\xa9 HTTP/1.1" 404 - "-" "-"\n');
  });
});
