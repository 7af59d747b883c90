/** `/readyz`: 200 while the server takes traffic, 503 once it is shutting down. */
import { useReadinessCheck } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';
import type { Readiness } from '../readiness.js';

/** Serves `endpoint` from `readiness`: 200 when ready, 503 with a short text body while draining. */
export function useReadiness(options: { readonly endpoint: string; readonly readiness: Readiness }): Plugin {
  return useReadinessCheck({
    endpoint: options.endpoint,
    check: ({ fetchAPI }) =>
      options.readiness.isReady()
        ? true
        : new fetchAPI.Response('shutting down', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
  });
}
