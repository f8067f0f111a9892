import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorBody } from './error-body.js';

/** The answer to each error Node's HTTP parser raises before a request exists (so no route or hook sees it). */
function answerTo(code: string | undefined): { status: number; body: ErrorBody } {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return {
      status: 408,
      body: {
        error: 'request_timeout',
        message: 'the request (headers and body) did not arrive within the server request timeout',
        details: [],
      },
    };
  if (code === 'HPE_HEADER_OVERFLOW')
    return {
      status: 431,
      body: {
        error: 'headers_too_large',
        message: 'the request line and headers exceed the largest size the server reads (16 KiB)',
        details: [{ path: '/headers', reason: 'too large' }],
      },
    };
  if (code === 'HPE_INVALID_CONTENT_LENGTH' || code === 'HPE_UNEXPECTED_CONTENT_LENGTH')
    return {
      status: 400,
      body: {
        error: 'bad_request',
        message: 'the Content-Length header is not a valid length',
        details: [{ path: '/headers/content-length', reason: 'must be one non-negative integer' }],
      },
    };
  return {
    status: 400,
    body: { error: 'bad_request', message: `malformed HTTP request (${code ?? 'parse error'})`, details: [] },
  };
}

/**
 * Fastify's clientErrorHandler: answers a request Node could not parse (bad Content-Length, oversized headers, a body
 * that did not arrive in time, garbage) with the documented error body, then closes the connection. `decorate` adds
 * what every error body carries (the request id).
 */
export function createClientErrorHandler(decorate: (body: ErrorBody) => ErrorBody = (b) => b) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const { status, body } = answerTo(error.code);
    const text = JSON.stringify(decorate(body));
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
    }
    socket.destroy(error);
  };
}
