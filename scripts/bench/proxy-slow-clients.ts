/**
 * Slow-client soak through the proxy for 60 s (SOAK_MS to change): 50 slowloris connections
 * dripping a header line and 50 POSTs dripping a body byte every 5 s, while an ordinary client
 * probes /proxy every 200 ms. Prints the probes' slowest answer; the explorer runs with its
 * default timeouts, as under `npm start`.
 */
import http from 'node:http';
import { startExplorerServer } from '../../src/server/server';
import { runSlowClientSoak } from '../../src/server/slow-clients';
import { listen } from '../../src/server/test-support';

const durationMs = Number(process.env.SOAK_MS ?? 60_000);
const upstream = await listen(
  http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"success":true}'));
  }),
);
const explorer = await startExplorerServer({
  port: 0,
  sandboxUrl: upstream.url,
  targets: [],
  staticRoot: null,
});
const before = process.memoryUsage().rss;
const report = await runSlowClientSoak({
  explorerPort: explorer.port,
  target: upstream.url,
  durationMs,
  dripMs: 5000,
  probeTimeoutMs: 1000,
});
console.log(
  `slow clients for ${durationMs / 1000} s: ${report.probes} probes, ${report.failedProbes} unanswered within 1 s, ` +
    `slowest ${report.maxProbeMs} ms; slow POST answers ${JSON.stringify(report.slowBodyAnswers)}; ` +
    `explorer RSS ${(before / 1e6).toFixed(0)} -> ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
);
await explorer.close();
await upstream.close();
process.exit(report.failedProbes === 0 ? 0 : 1);
