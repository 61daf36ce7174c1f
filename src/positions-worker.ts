/** Worker side of src/position-pool.ts: resolves the positions of the files it is sent. */
import { parentPort } from 'node:worker_threads';
import type { PositionJob, PositionReply } from './position-pool.js';
import { PositionResolver } from './positions.js';

parentPort?.once('message', (jobs: PositionJob[]) => {
  parentPort!.postMessage(
    jobs.map((job): PositionReply => {
      try {
        const file = { path: '', text: job.text };
        const resolver = new PositionResolver(file);
        return job.refs.map((ref) => resolver.resolve({ ...ref, file }));
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
});
