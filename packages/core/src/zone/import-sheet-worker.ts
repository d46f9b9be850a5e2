// The worker that reads one import file (see readSheetInWorker): the bytes in, the rows or the reason out.
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../shared/errors.ts';
import { readSheetBytes } from './import-sheet.ts';

try {
  const sheet = await readSheetBytes(workerData as Uint8Array);
  parentPort!.postMessage({ ok: true, sheet });
} catch (error) {
  parentPort!.postMessage({
    ok: false,
    field: error instanceof InputError ? (error.field ?? null) : null,
    message: error instanceof Error ? error.message : String(error),
  });
}
