/** Maps the loaded configuration onto the schema's {@link ApiSettings}. */
import type { AppConfig } from '../config/index.js';
import type { ApiSettings } from '../graphql/settings.js';
import type { Presigner } from '../oss/helpers/presigner.js';

/** The API settings for `config`; an empty `OSSGRAPH_BUCKETS` means every bucket is allowed. */
export function toApiSettings(config: AppConfig, presigner: Presigner): ApiSettings {
  return {
    ...(config.allowedBuckets.length === 0 ? {} : { allowedBuckets: config.allowedBuckets }),
    maxRefs: config.maxRefs,
    maxStoreRequests: config.maxStoreRequests,
    maxPageSize: config.maxPageSize,
    defaultPageSize: config.defaultPageSize,
    storeConcurrencyPerRequest: config.storeConcurrencyPerRequest,
    copyThreshold: config.copyThresholdBytes,
    partSize: config.copyPartSizeBytes,
    copyParallel: config.copyParallel,
    presign: {
      presigner,
      defaultExpiresIn: config.presignExpiresSeconds,
      maxExpiresIn: config.presignMaxExpiresSeconds,
    },
    maxUploadBytes: config.maxUploadBytes,
    maxDirectUploadBytes: config.maxDirectUploadBytes,
  };
}
