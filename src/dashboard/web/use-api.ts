import { useCallback, useEffect, useState } from 'react';
import { ApiError, type ApiFailure } from './api-client';

/** One request's state for a view: loading, failed (with the kind of failure), or its data. */
export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; failure: ApiFailure; retry: () => void }
  | { state: 'ready'; data: T; reload: () => void };

/** Runs `load` on mount and whenever `key` changes; `retry`/`reload` run it again. */
export function useApi<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ key: string; attempt: number; value: T } | { error: ApiFailure }>();
  const again = useCallback(() => setAttempt((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    setResult(undefined);
    load().then(
      (value) => live && setResult({ key, attempt, value }),
      (error: unknown) => live && setResult({ error: error instanceof ApiError ? error.failure : 'failed' }),
    );
    return () => {
      live = false;
    };
    // `load` is recreated on every render; `key` and `attempt` say when to fetch again.
  }, [key, attempt]);
  if (!result) return { state: 'loading' };
  if ('error' in result) return { state: 'error', failure: result.error, retry: again };
  return { state: 'ready', data: result.value, reload: again };
}
