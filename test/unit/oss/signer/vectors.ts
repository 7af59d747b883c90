/** Shared inputs of the SDK signing vectors (reference §7.4/§7.5). */
import type { SignableRequest } from '../../../../src/oss/signer/signable-request.js';

/** `{param1: value1, +param1: value3, |param1: value4, +param2: '', |param2: '', param2: ''}`, decoded. */
export const VECTOR_QUERY: ReadonlyArray<readonly [string, string]> = [
  ['param1', 'value1'],
  ['+param1', 'value3'],
  ['|param1', 'value4'],
  ['+param2', ''],
  ['|param2', ''],
  ['param2', ''],
];

/** The V4 vector request; header names lowercased as SignableRequest requires. */
export function v4Request(contentType: string, extraHeaders: Record<string, string> = {}): SignableRequest {
  return {
    method: 'PUT',
    bucket: 'bucket',
    key: '1234+-/123/1.txt',
    query: VECTOR_QUERY,
    headers: {
      'x-oss-head1': 'value',
      abc: 'value',
      zabc: 'value',
      xyz: 'value',
      'content-type': contentType,
      ...extraHeaders,
    },
  };
}

/** Unix seconds → Date. */
export function at(seconds: number): Date {
  return new Date(seconds * 1000);
}

export const AK_SK = { accessKeyId: 'ak', accessKeySecret: 'sk' } as const;
