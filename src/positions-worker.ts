/** Worker side of src/position-pool.ts: resolves the positions of the files it is sent. */
import { parentPort } from 'node:worker_threads';
import { resolveFile, type PositionJob, type PositionReply } from './position-pool.js';

parentPort?.once('message', async (jobs: PositionJob[]) => {
  const replies: PositionReply[] = [];
  for (const job of jobs) {
    try {
      const file = { path: '', text: job.text };
      replies.push(await resolveFile(file, job.refs.map((ref) => ({ ...ref, file }))));
    } catch (error) {
      replies.push({ error: error instanceof Error ? error.message : String(error) });
    }
  }
  parentPort!.postMessage(replies);
});
