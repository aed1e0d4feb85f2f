/**
 * Test helpers over raw sockets (node:net): an upstream that parses HTTP/1.1 requests the way a
 * real server does, one after another on each kept-alive connection, so a body the proxy forwards
 * without framing shows up as a second request; and a raw client that writes bytes Node's own
 * client never would. Not imported by runtime code.
 */
import net from 'node:net';
import { listen, type Peer } from './test-support';

export interface ParsedRequest {
  connection: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Parses as many whole requests as `buffer` holds; returns them and the unparsed rest. */
function parseRequests(buffer: string): { requests: Omit<ParsedRequest, 'connection'>[]; rest: string } {
  const requests: Omit<ParsedRequest, 'connection'>[] = [];
  let rest = buffer;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) break;
    const [line = '', ...lines] = rest.slice(0, end).split('\r\n');
    const [method = '', path = ''] = line.split(' ');
    const headers: Record<string, string> = {};
    for (const l of lines) {
      const colon = l.indexOf(':');
      if (colon > 0) headers[l.slice(0, colon).trim().toLowerCase()] = l.slice(colon + 1).trim();
    }
    let after = rest.slice(end + 4);
    let body = '';
    if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
      let complete = false;
      for (;;) {
        const nl = after.indexOf('\r\n');
        if (nl === -1) break;
        const size = parseInt(after.slice(0, nl), 16);
        if (after.length < nl + 2 + size + 2) break;
        body += after.slice(nl + 2, nl + 2 + size);
        after = after.slice(nl + 2 + size + 2);
        if (size === 0) {
          complete = true;
          break;
        }
      }
      if (!complete) break;
    } else {
      const length = Number(headers['content-length'] ?? '0');
      if (after.length < length) break;
      body = after.slice(0, length);
      after = after.slice(length);
    }
    requests.push({ method, path, headers, body });
    rest = after;
  }
  return { requests, rest };
}

export interface RecordingUpstream extends Peer {
  requests: ParsedRequest[];
}

/** Answers every parsed request `200 ok` on a kept-alive connection and records what it parsed. */
export async function recordingUpstream(): Promise<RecordingUpstream> {
  const requests: ParsedRequest[] = [];
  let connections = 0;
  const server = net.createServer((socket) => {
    const connection = ++connections;
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      const parsed = parseRequests(buffer + chunk.toString('latin1'));
      buffer = parsed.rest;
      for (const r of parsed.requests) {
        requests.push({ connection, ...r });
        const body = JSON.stringify({ path: r.path });
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        );
      }
    });
    socket.on('error', () => undefined);
  });
  const peer = await listen(server);
  return { ...peer, requests };
}

/** An upstream that writes `reply` to every request and then closes the connection if `close`. */
export async function cannedUpstream(reply: string, close: boolean): Promise<Peer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let seen = '';
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (!seen.includes('\r\n\r\n')) return;
      seen = '';
      if (close) socket.end(reply, 'latin1');
      else socket.write(reply, 'latin1');
    });
  });
  const peer = await listen(server);
  return {
    ...peer,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await peer.close();
    },
  };
}

/** Opens a raw connection and writes `bytes`; resolves with the socket once written. */
export function rawConnect(port: number, bytes = ''): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      if (bytes === '') resolve(socket);
      else socket.write(bytes, 'latin1', () => resolve(socket));
    });
    socket.on('error', reject);
  });
}
