import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import * as graphqlDefaults from '../../../src/graphql/settings.js';
import type { Presigner } from '../../../src/oss/helpers/presigner.js';
import { toApiSettings } from '../../../src/server/api-settings.js';

const presigner = {} as Presigner;

describe('toApiSettings', () => {
  it('maps every API option, and an empty bucket list to "any bucket"', () => {
    const settings = toApiSettings(loadConfig({}), presigner);
    expect(settings.allowedBuckets).toBeUndefined();
    expect(settings.presign.presigner).toBe(presigner);
    expect(settings).toMatchObject({
      maxRefs: graphqlDefaults.DEFAULT_MAX_REFS,
      maxPageSize: graphqlDefaults.MAX_LIST_PAGE_SIZE,
      defaultPageSize: graphqlDefaults.DEFAULT_PAGE_SIZE,
      storeConcurrencyPerRequest: graphqlDefaults.DEFAULT_STORE_CONCURRENCY_PER_REQUEST,
      maxUploadBytes: graphqlDefaults.DEFAULT_MAX_UPLOAD_BYTES,
      presign: { defaultExpiresIn: graphqlDefaults.DEFAULT_PRESIGN_EXPIRES_IN, maxExpiresIn: graphqlDefaults.MAX_PRESIGN_EXPIRES_IN },
    });
  });

  it('carries configured values', () => {
    const settings = toApiSettings(
      loadConfig({
        OSSGRAPH_BUCKETS: 'demo,photos',
        OSSGRAPH_MAX_REFS: '7',
        OSSGRAPH_DEFAULT_PAGE_SIZE: '5',
        OSSGRAPH_MAX_PAGE_SIZE: '50',
        OSSGRAPH_MAX_UPLOAD_BYTES: '1MiB',
        OSSGRAPH_COPY_THRESHOLD: '1GiB',
        OSSGRAPH_COPY_PART_SIZE: '8MiB',
        OSSGRAPH_COPY_PARALLEL: '4',
        OSSGRAPH_PRESIGN_EXPIRES_SECONDS: '60',
        OSSGRAPH_PRESIGN_MAX_EXPIRES_SECONDS: '3600',
      }),
      presigner,
    );
    expect(settings).toMatchObject({
      allowedBuckets: ['demo', 'photos'],
      maxRefs: 7,
      defaultPageSize: 5,
      maxPageSize: 50,
      maxUploadBytes: 1024 * 1024,
      copyThreshold: 1024 ** 3,
      partSize: 8 * 1024 * 1024,
      copyParallel: 4,
      presign: { defaultExpiresIn: 60, maxExpiresIn: 3600 },
    });
  });
});
