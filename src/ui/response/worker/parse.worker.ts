/// <reference lib="webworker" />
/**
 * The parsing worker: holds the current response body parsed, and answers the page's questions
 * about it (visible tree rows, table cells, search, copy). See ../model/document.ts for why.
 */
import { createDocumentHost, type WorkerRequest } from '../model/document';

declare const self: DedicatedWorkerGlobalScope;

const host = createDocumentHost();

self.onmessage = (event: MessageEvent<{ id: number; request: WorkerRequest }>) => {
  const { id, request } = event.data;
  try {
    const answer = host.handle(request);
    // The raw-row index can be large (one Int32 per display row): move it, do not copy it.
    const transfer: Transferable[] = [];
    if (answer.op === 'load' && answer.summary.raw.starts) transfer.push(answer.summary.raw.starts.buffer);
    self.postMessage({ id, answer }, transfer);
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
