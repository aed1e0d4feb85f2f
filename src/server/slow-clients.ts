/**
 * A slow-client soak against a running explorer, shared by the proxy test (a few seconds, in CI)
 * and `npm run bench -- proxy-slow` (60 s): slowloris connections that drip their headers, slow
 * POSTs that drip their bodies, and meanwhile an ordinary client probing the proxy. Loopback only,
 * bounded in connections and time. Not imported by runtime code.
 */
import http from 'node:http';
import net from 'node:net';

export interface SoakOptions {
  explorerPort: number;
  /** Allowed upstream base URL the slow clients and the probe aim at. */
  target: string;
  durationMs: number;
  slowloris?: number;
  slowBodies?: number;
  /** Pause between two dripped bytes or header lines. */
  dripMs?: number;
  /** A probe not answered within this long counts as failed (a hang detector, not a speed goal). */
  probeTimeoutMs?: number;
}

export interface SoakReport {
  probes: number;
  failedProbes: number;
  /** Slowest answered probe, in ms. */
  maxProbeMs: number;
  /** Status lines the slow POSTs got back (408 once their body time ran out). */
  slowBodyAnswers: Record<string, number>;
}

function probe(port: number, target: string, timeoutMs: number): Promise<number | null> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: '/proxy/api/info',
        headers: { 'X-Explorer-Target': target },
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200 ? performance.now() - started : null));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on('error', () => resolve(null));
  });
}

export async function runSlowClientSoak(options: SoakOptions): Promise<SoakReport> {
  const { explorerPort: port, target, durationMs } = options;
  const dripMs = options.dripMs ?? 5000;
  const probeTimeoutMs = options.probeTimeoutMs ?? 5000;
  const sockets: net.Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  const slowBodyAnswers: Record<string, number> = {};

  const open = (first: string, drip: string, onAnswer?: (line: string) => void): void => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(first));
    socket.on('error', () => undefined);
    let answered = false;
    socket.on('data', (chunk: Buffer) => {
      if (answered) return;
      answered = true;
      onAnswer?.(chunk.toString('latin1').split('\r\n')[0] ?? '');
    });
    timers.push(setInterval(() => socket.writable && socket.write(drip), dripMs));
    sockets.push(socket);
  };
  for (let i = 0; i < (options.slowloris ?? 50); i++) {
    open(
      `GET /proxy/api/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Explorer-Target: ${target}\r\n`,
      `X-Drip-${i}: 1\r\n`,
    );
  }
  for (let i = 0; i < (options.slowBodies ?? 50); i++) {
    open(
      `POST /proxy/api/v1/chat.postMessage HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Explorer-Target: ${target}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
      ' ',
      (line) => (slowBodyAnswers[line] = (slowBodyAnswers[line] ?? 0) + 1),
    );
  }

  let probes = 0;
  let failedProbes = 0;
  let maxProbeMs = 0;
  const until = performance.now() + durationMs;
  try {
    while (performance.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      const ms = await probe(port, target, probeTimeoutMs);
      probes++;
      if (ms === null) failedProbes++;
      else maxProbeMs = Math.max(maxProbeMs, ms);
    }
  } finally {
    timers.forEach((t) => clearInterval(t));
    sockets.forEach((s) => s.destroy());
  }
  return { probes, failedProbes, maxProbeMs: Math.round(maxProbeMs), slowBodyAnswers };
}
