/**
 * The per-request GraphQL context: a counted, bounded view of the OSS API, fresh loaders, and the
 * settings. Create one per GraphQL request; loaders are never shared between requests.
 */
import type { OssApi } from '../oss/api.js';
import { createCopier } from '../oss/helpers/copier.js';
import type { Copier } from '../oss/helpers/copier.js';
import { createMetadataEditor } from '../oss/helpers/metadata-editor.js';
import type { MetadataEditor } from '../oss/helpers/metadata-editor.js';
import { chainLimiters, createConcurrencyLimiter } from '../loaders/concurrency.js';
import type { ConcurrencyLimiter } from '../loaders/concurrency.js';
import { createLoaders } from '../loaders/create-loaders.js';
import type { LoaderBatchObserver, Loaders } from '../loaders/create-loaders.js';
import { createStoreApi } from '../loaders/store-api.js';
import type { ApiSettings } from './settings.js';

/** What {@link createGraphQLContext} needs. */
export interface ContextDeps {
  /** The OSS API (process-wide); the context wraps it per request. */
  readonly api: OssApi;
  readonly settings: ApiSettings;
  /** The process-wide bound on store requests in flight, shared by every request. */
  readonly limiter?: ConcurrencyLimiter;
  /** The incoming HTTP request, when there is one. */
  readonly request?: Request;
  /** Told the size of each loader batch (metrics). */
  readonly onLoaderBatch?: LoaderBatchObserver;
}

/** The context every resolver receives. */
export interface GraphQLContext {
  /** The OSS API for this request: counted, and bounded per request and per process. */
  readonly api: OssApi;
  readonly settings: ApiSettings;
  readonly loaders: Loaders;
  /** Copies objects of any size over {@link GraphQLContext.api}. */
  readonly copier: Copier;
  /** Edits metadata without losing headers, over {@link GraphQLContext.api}. */
  readonly metadataEditor: MetadataEditor;
  readonly request: Request | undefined;
  /** Store operations this GraphQL request has started so far (for the per-request log line). */
  storeRequests(): number;
}

/** Creates the context of one GraphQL request. */
export function createGraphQLContext(deps: ContextDeps): GraphQLContext {
  const { settings } = deps;
  const perRequest = createConcurrencyLimiter(settings.storeConcurrencyPerRequest);
  const store = createStoreApi(deps.api, chainLimiters(perRequest, deps.limiter));
  const copierOptions = {
    ...(settings.copyThreshold === undefined ? {} : { threshold: settings.copyThreshold }),
    ...(settings.partSize === undefined ? {} : { partSize: settings.partSize }),
    ...(settings.copyParallel === undefined ? {} : { parallel: settings.copyParallel }),
  };
  return {
    api: store.api,
    settings,
    loaders: createLoaders(store.api, undefined, deps.onLoaderBatch),
    copier: createCopier(store.api, copierOptions),
    metadataEditor: createMetadataEditor(store.api, copierOptions),
    request: deps.request,
    storeRequests: store.count,
  };
}
