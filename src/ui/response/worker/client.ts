/**
 * The page's side of the parsing worker: one worker for the app, created on first use, with
 * promise-based requests. Answers for a document that was replaced come back as `stale`.
 */
import type { WorkerAnswer, WorkerRequest } from '../model/document';

type Pending = { resolve(answer: WorkerAnswer): void; reject(error: Error): void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(message: string) {
  for (const [, p] of pending) p.reject(new Error(message));
  pending.clear();
}

function getWorker(): Worker {
  if (worker) return worker;
  // Vite bundles this as a separate same-origin module (CSP worker-src 'self').
  const created = new Worker(new URL('./parse.worker.ts', import.meta.url), {
    type: 'module',
    name: 'response-parser',
  });
  created.onmessage = (event: MessageEvent<{ id: number; answer?: WorkerAnswer; error?: string }>) => {
    const entry = pending.get(event.data.id);
    if (!entry) return;
    pending.delete(event.data.id);
    if (event.data.answer) entry.resolve(event.data.answer);
    else entry.reject(new Error(event.data.error ?? 'The response parser failed.'));
  };
  created.onerror = (event) => {
    event.preventDefault();
    failAll(`The response parser stopped: ${event.message || 'unknown error'}.`);
    worker = null;
    created.terminate();
  };
  worker = created;
  return created;
}

export function askWorker(request: WorkerRequest): Promise<WorkerAnswer> {
  const target = getWorker();
  const id = nextId++;
  return new Promise<WorkerAnswer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    target.postMessage({ id, request });
  });
}

let docCounter = 0;
export function nextDocId(): number {
  docCounter += 1;
  return docCounter;
}
