/** CORS answers for an object: a HeadObject carrying `Origin`, one per distinct (object, origin, method). */
import DataLoader from 'dataloader';
import type { OssApi } from '../oss/api.js';
import { isNotFoundError } from '../oss/errors.js';
import type { CorsHeaders } from '../oss/operations/head-object.js';
import { objectRefKey, refFields } from './object-ref.js';
import type { ObjectRef } from './object-ref.js';

/** What to ask: the object, the requesting origin and optionally the method of the actual request. */
export interface CorsQuery {
  readonly ref: ObjectRef;
  readonly origin: string;
  readonly method?: string;
}

/** Per-request loader of CORS answers; `null` when the object does not exist. */
export type ObjectCorsLoader = DataLoader<CorsQuery, CorsHeaders | null, string>;

/** Creates an {@link ObjectCorsLoader} over `api`. */
export function createObjectCorsLoader(api: Pick<OssApi, 'headObject'>): ObjectCorsLoader {
  return new DataLoader<CorsQuery, CorsHeaders | null, string>(
    (queries) =>
      Promise.all(
        queries.map(async (query) => {
          try {
            const head = await api.headObject({
              ...refFields(query.ref),
              origin: query.origin,
              ...(query.method === undefined ? {} : { accessControlRequestMethod: query.method }),
            });
            const cors: CorsHeaders = {
              ...(head.allowOrigin === undefined ? {} : { allowOrigin: head.allowOrigin }),
              ...(head.allowMethods === undefined ? {} : { allowMethods: head.allowMethods }),
              ...(head.maxAge === undefined ? {} : { maxAge: head.maxAge }),
              ...(head.allowHeaders === undefined ? {} : { allowHeaders: head.allowHeaders }),
              ...(head.exposeHeaders === undefined ? {} : { exposeHeaders: head.exposeHeaders }),
            };
            return cors;
          } catch (error) {
            if (isNotFoundError(error)) return null;
            return error instanceof Error ? error : new Error(String(error));
          }
        }),
      ),
    { cacheKeyFn: (q) => `${objectRefKey(q.ref)}\u0000${q.origin}\u0000${q.method ?? ''}` },
  );
}
