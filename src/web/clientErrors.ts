import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { SECURITY_HEADERS } from './app.js';

/**
 * Node answers some malformed requests itself, before the app sees them (431 for headers over its limit, 400 for
 * bad HTTP), with a bare response. This answers them the way the app answers errors: the same security headers
 * and the JSON error shape.
 */
export function answerClientErrors(server: Pick<Server, 'on'>): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (err.code === 'ECONNRESET' && !socket.readable)) {
      socket.destroy();
      return;
    }
    const big = err.code === 'HPE_HEADER_OVERFLOW';
    const status = big ? 431 : 400;
    const reason = big ? 'Request Header Fields Too Large' : 'Bad Request';
    const body = JSON.stringify({ ok: false, status, error: big ? 'the request headers are too large' : 'malformed HTTP request' });
    const headers = Object.entries({
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      Connection: 'close',
    })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headers}\r\n${body}`);
  });
}
