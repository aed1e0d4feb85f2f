// `npm run sandbox`: starts the sandbox from environment variables and prints one ready line.
import { startSandbox } from './server';

try {
  const sandbox = await startSandbox();
  process.stdout.write(`Sandbox ready at ${sandbox.url}\n`);
  process.stderr.write(
    `[sandbox] seeded ${sandbox.state.store.users.size} users, ${sandbox.state.store.rooms.size} rooms, ${sandbox.state.store.messages.size} messages in ${Math.round(sandbox.seedMs)} ms (${Math.round(sandbox.seedCpuMs)} ms CPU)\n`,
  );
  const shutdown = (): void => {
    void sandbox.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (err) {
  process.stderr.write(`[sandbox] failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
