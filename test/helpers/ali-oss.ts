/**
 * The official OSS Node SDK (ali-oss) pointed at a local-oss: the independent client of the
 * conformance tests.
 */
import OSS from 'ali-oss';

/** What ali-oss rejects with for an OSS error answer. */
export interface AliError {
  code: string;
  status: number;
  requestId?: string;
}

/** The error `promise` rejects with; throws when it resolves. */
export async function aliFailure(promise: Promise<unknown>): Promise<AliError> {
  try {
    await promise;
  } catch (error) {
    return error as AliError;
  }
  throw new Error('expected the call to fail');
}

/** The part of a running local-oss an ali-oss client needs. */
export interface AliTarget {
  readonly url: string;
  readonly credentials: { readonly accessKeyId: string; readonly accessKeySecret: string };
}

/** An ali-oss client for `bucket` of `store` (plain HTTP; V4 signatures when `authorizationV4`). */
export function aliOssClient(store: AliTarget, bucket: string, authorizationV4: boolean, overrides: Partial<OSS.Options> = {}): OSS {
  return new OSS({
    region: 'oss-cn-hangzhou',
    endpoint: store.url,
    bucket,
    accessKeyId: store.credentials.accessKeyId,
    accessKeySecret: store.credentials.accessKeySecret,
    secure: false,
    authorizationV4,
    ...overrides,
  } as OSS.Options);
}
