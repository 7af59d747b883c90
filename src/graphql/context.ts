/**
 * The per-request GraphQL context: a counted, bounded view of the OSS API behind the caller's
 * policy (`src/auth/`), fresh loaders, and the settings. Create one per GraphQL request; loaders
 * are never shared between requests.
 */
import type { Access } from '../auth/access.js';
import { authorizeCopier, authorizeMetadataEditor } from '../auth/authorized-helpers.js';
import { authorizeSettings } from '../auth/authorized-settings.js';
import { authorizeStoreApi } from '../auth/authorized-store-api.js';
import { UNRESTRICTED_ACCESS } from '../auth/unrestricted.js';
import { cachedLoaderApi } from '../cache/loader-api.js';
import type { MetadataCache } from '../cache/metadata-cache.js';
import { createEditCoordinator, createInProcessLeases } from '../coordination/index.js';
import type { EditCoordinator } from '../coordination/index.js';
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
import type { RequestScope } from '../observability/request-scope.js';
import { coordinatedEditor } from './coordinated-edits.js';
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
  /** The caller's checks under the policy; absent: everything allowed (as `OSSGRAPH_AUTH=none` without a policy). */
  readonly access?: Access;
  /** The process-wide edit coordinator (created once by the app); absent: one for this request alone (tests). */
  readonly editCoordinator?: EditCoordinator;
  /** Told the size of each loader batch (metrics). */
  readonly onLoaderBatch?: LoaderBatchObserver;
  /** The process-wide metadata cache (`src/cache/`), when on; only the loaders read through it. */
  readonly metadataCache?: MetadataCache;
  /** The operation's request scope, handed to every store call (request logs, store spans). */
  readonly scope?: RequestScope | undefined;
}

/** The context every resolver receives. */
export interface GraphQLContext {
  /** The OSS API for this request: counted, and bounded per request and per process. */
  readonly api: OssApi;
  readonly settings: ApiSettings;
  readonly loaders: Loaders;
  /** Copies objects of any size over {@link GraphQLContext.api}. */
  readonly copier: Copier;
  /**
   * Edits metadata without losing headers, over {@link GraphQLContext.api}, through the
   * process-wide edit coordinator (serialized per object, composable merges group-committed).
   */
  readonly metadataEditor: MetadataEditor;
  /** Serializes edits per object; copies onto themselves go through it too (`serializeSelfCopy`). */
  readonly editCoordinator: EditCoordinator;
  readonly request: Request | undefined;
  /** The caller and the policy checks; `api`, the presigner, `copier` and `metadataEditor` already enforce them. */
  readonly access: Access;
  /** Store operations this GraphQL request has started so far (for the per-request log line). */
  storeRequests(): number;
}

/** Creates the context of one GraphQL request. */
export function createGraphQLContext(deps: ContextDeps): GraphQLContext {
  const { settings } = deps;
  const perRequest = createConcurrencyLimiter(settings.storeConcurrencyPerRequest);
  const store = createStoreApi(deps.api, chainLimiters(perRequest, deps.limiter), {
    ...(settings.maxStoreRequests === undefined ? {} : { maxRequests: settings.maxStoreRequests }),
    ...(deps.scope === undefined ? {} : { scope: deps.scope }),
  });
  // Why outside the counted view: a denied call is decided here and never reaches the store.
  const access = deps.access ?? UNRESTRICTED_ACCESS;
  const api = authorizeStoreApi(store.api, access);
  const copierOptions = {
    ...(settings.copyThreshold === undefined ? {} : { threshold: settings.copyThreshold }),
    ...(settings.partSize === undefined ? {} : { partSize: settings.partSize }),
    ...(settings.copyParallel === undefined ? {} : { parallel: settings.copyParallel }),
  };
  const coordinator = deps.editCoordinator ?? createEditCoordinator({ leases: createInProcessLeases({ maxWaitMs: 60_000 }) });
  // Why lazy: most requests only read; the fenced API, copier and editor (≈ 60 closures) are built
  // on first use. Why method wrappers, not getters: envelop merges the context with Object.assign,
  // which would call a getter at once.
  let copier: Copier | undefined;
  let metadataEditor: MetadataEditor | undefined;
  let fenced: OssApi | undefined;
  // Why fenced: the commit steps of the copier and the editor check the edit's lease first.
  const fence = (): OssApi => (fenced ??= coordinator.fence(api));
  return {
    api,
    settings: authorizeSettings(settings, access),
    loaders: createLoaders(
      deps.metadataCache === undefined ? api : cachedLoaderApi(api, store.api, deps.metadataCache, access),
      undefined,
      store,
      deps.onLoaderBatch,
    ),
    copier: {
      copy: (request, options) => (copier ??= authorizeCopier(createCopier(fence(), copierOptions), access)).copy(request, options),
    },
    // Why authorization outermost: a group commit runs on its first member's editor, so every
    // member's own edit must be checked before it is queued.
    metadataEditor: {
      edit: (request, options) =>
        (metadataEditor ??= authorizeMetadataEditor(coordinatedEditor(coordinator, createMetadataEditor(fence(), copierOptions)), access)).edit(
          request,
          options,
        ),
    },
    editCoordinator: coordinator,
    request: deps.request,
    access,
    storeRequests: store.count,
  };
}
