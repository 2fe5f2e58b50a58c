import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../src/web/app.js';
import { answerClientErrors } from '../../src/web/clientErrors.js';

/** Sends raw bytes to a server and returns everything it answers. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(request));
    let out = '';
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('end', () => resolve(out));
    s.on('error', reject);
  });
}

describe("Node's own error answers carry the security headers", () => {
  it('431 for headers over the limit, 400 for bad HTTP: security headers and the JSON error shape', async () => {
    const server = createServer({ maxHeaderSize: 1024 }, (_req, res) => res.end('ok'));
    answerClientErrors(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const big = await raw(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(4096)}\r\n\r\n`);
      expect(big).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(big).toContain(`${k}: ${v}\r\n`);
      expect(big.slice(big.indexOf('\r\n\r\n') + 4)).toBe('{"ok":false,"status":431,"error":"the request headers are too large"}');
      const bad = await raw(port, 'NOT HTTP AT ALL\r\n\r\n');
      expect(bad).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(bad).toContain('Content-Security-Policy: ');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
