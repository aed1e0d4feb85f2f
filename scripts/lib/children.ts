/**
 * Child processes for `npm start`, `npm run dev` and the e2e stack: a TypeScript entry run with
 * `node --import tsx` (no wrapper process, so signals reach it directly), its output echoed with a
 * name prefix and its last lines kept, to be shown if it dies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './build-if-stale';

export interface ChildOptions {
  /** Short name used as the output prefix, e.g. `sandbox`. */
  name: string;
  /** TypeScript entry relative to the repository root. */
  entry: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** First capture group is the URL the child announces when it is ready. */
  readyPattern: RegExp;
  /** Echo the child's output to ours (default true). */
  echo?: boolean;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Child {
  name: string;
  process: ChildProcess;
  /** Resolves with the announced URL; rejects if the child exits first. */
  ready: Promise<string>;
  exited: Promise<ChildExit>;
  /** The last lines the child printed (stdout and stderr), for error reports. */
  lastOutput(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
  stop(graceMs?: number): Promise<ChildExit>;
}

const KEEP_LINES = 40;

export function describeExit(exit: ChildExit): string {
  return exit.signal !== null ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

export function startChild(options: ChildOptions): Child {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, options.entry), ...(options.args ?? [])],
    {
      cwd: REPO_ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const prefix = `[${options.name}]`;
  let announce: (url: string) => void = () => undefined;
  const ready = new Promise<string>((resolve) => (announce = resolve));

  const watch = (stream: NodeJS.ReadableStream, out: NodeJS.WritableStream): void => {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      lines.push(line);
      if (lines.length > KEEP_LINES) lines.shift();
      const match = options.readyPattern.exec(line);
      if (match?.[1] !== undefined) announce(match[1]);
      if (options.echo !== false) out.write(`${line.startsWith(prefix) ? line : `${prefix} ${line}`}\n`);
    });
  };
  watch(child.stdout!, process.stdout);
  watch(child.stderr!, process.stderr);

  const exited = new Promise<ChildExit>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
    child.on('error', (err) => {
      lines.push(`could not start: ${err.message}`);
      resolve({ code: 1, signal: null });
    });
  });
  const lastOutput = (): string => lines.join('\n');

  return {
    name: options.name,
    process: child,
    ready: Promise.race([
      ready,
      exited.then((exit) => {
        throw new Error(
          `The ${options.name} exited before it was ready (${describeExit(exit)}). Its last output:\n${lastOutput()}`,
        );
      }),
    ]),
    exited,
    lastOutput,
    async stop(graceMs = 5000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const exit = await exited;
        clearTimeout(timer);
        return exit;
      }
      return exited;
    },
  };
}

export const SANDBOX_READY = /^Sandbox ready at (http\S+)/;
export const EXPLORER_READY = /^Explorer ready at (http\S+)/;
