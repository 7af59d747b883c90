/** RestoreObject: make an Archive / ColdArchive / DeepColdArchive object readable for a while (wave 2 §7). */
import type { CallOptions, OssClient } from '../client.js';
import { OssInvalidArgumentError } from '../errors.js';
import { buildXml } from '../xml/build-xml.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { compact } from './shared/compact.js';
import { optionalHeader } from './shared/response-headers.js';

/** Input of {@link restoreObject}. */
export interface RestoreObjectRequest {
  readonly bucket: string;
  readonly key: string;
  /** Days the restored copy stays readable (Archive 1–7, cold classes 1–365; OSS's default 1). */
  readonly days?: number;
  /** ColdArchive / DeepColdArchive only. */
  readonly tier?: 'Expedited' | 'Standard' | 'Bulk';
  readonly versionId?: string;
}

/** Result of {@link restoreObject}. */
export interface RestoreObjectResult {
  /** 202: a restore started; 200: the object was already restored (its period was extended). */
  readonly status: 200 | 202;
  /** `x-oss-object-restore-priority` (cold classes). */
  readonly priority?: string;
  readonly requestId: string;
}

/**
 * `POST /<key>?restore`. Accepts 200 and 202 (ali-oss wrongly fails on 200). A restore already
 * running rejects with 409 `RestoreAlreadyInProgress`; an object that is not frozen with 400
 * `OperationNotSupported`. Follow progress with HeadObject's `restore` (`x-oss-restore`).
 */
export async function restoreObject(client: OssClient, request: RestoreObjectRequest, options?: CallOptions): Promise<RestoreObjectResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  if (request.days !== undefined && (!Number.isInteger(request.days) || request.days < 1 || request.days > 365)) {
    throw new OssInvalidArgumentError('days', 'must be an integer from 1 to 365 (Archive: 1 to 7)', request.days);
  }
  if (request.tier !== undefined && !['Expedited', 'Standard', 'Bulk'].includes(request.tier)) {
    throw new OssInvalidArgumentError('tier', 'must be Expedited, Standard or Bulk', request.tier);
  }
  const query: Array<[string, string]> = [['restore', '']];
  if (request.versionId !== undefined) query.push(['versionId', request.versionId]);
  const hasBody = request.days !== undefined || request.tier !== undefined;
  const body = hasBody
    ? Buffer.from(
        buildXml('RestoreRequest', {
          Days: request.days === undefined ? undefined : String(request.days),
          JobParameters: request.tier === undefined ? undefined : { Tier: request.tier },
        }),
        'utf8',
      )
    : undefined;
  const response = await client.invoke(
    {
      operation: 'RestoreObject',
      method: 'POST',
      bucket: request.bucket,
      key: request.key,
      query,
      ...(body !== undefined ? { headers: { 'content-type': 'application/xml' }, body } : {}),
    },
    options,
  );
  return compact<RestoreObjectResult>({
    status: response.status === 200 ? 200 : 202,
    priority: optionalHeader(response, 'x-oss-object-restore-priority'),
    requestId: response.requestId,
  });
}
