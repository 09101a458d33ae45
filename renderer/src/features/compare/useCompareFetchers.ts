import { useCallback, useState } from 'react';
import type { InferenceClient } from '../../inference/client';
import { StageFetcher } from '../inspect/stage-fetcher';
import { compareSession } from './useCompareRuns';

/** A stage fetcher per compared model, each running that model's `compare:<id>` session. */
export function useCompareFetchers(client: InferenceClient): (id: string) => StageFetcher {
  // One map for the view's lifetime; fetchers are made on first use (a fetcher keeps a small LRU cache).
  const [fetchers] = useState(() => new Map<string, StageFetcher>());
  return useCallback(
    (id: string) => {
      let f = fetchers.get(id);
      if (!f) {
        f = new StageFetcher(async (input, output) => {
          const run = await client.run(compareSession(id), input, [output]);
          const t = run.outputs[output];
          if (!t) throw new Error(`the model returned no output ${output}`);
          return { dims: t.dims, data: t.data, ms: run.ms, backend: run.backend };
        });
        fetchers.set(id, f);
      }
      return f;
    },
    [client, fetchers],
  );
}
