/**
 * The six system headers as mutation input fields, the `StorageClass` enum, and their checks.
 * Absent means "keep" (edits) or "unset" (new objects); `null` in an edit removes the header.
 */
import type { SystemHeaderChanges } from '../../oss/helpers/metadata-editor.js';
import type { SystemHeaders } from '../../oss/operations/shared/request-headers.js';
import type { ApiSchemaTypes } from '../builder.js';
import { checkHeaderValue } from '../validation.js';

// Why re-exported: the inputs that take a storage class import it from here.
/** `enum StorageClass` (see `object-enums.ts`). */
export { StorageClassEnum } from './object-enums.js';

/** The system header fields of mutation inputs, as GraphQL passes them. */
export interface SystemHeaderArgs {
  readonly contentType?: string | null | undefined;
  readonly cacheControl?: string | null | undefined;
  readonly contentDisposition?: string | null | undefined;
  readonly contentEncoding?: string | null | undefined;
  readonly contentLanguage?: string | null | undefined;
  readonly expires?: string | null | undefined;
}

const FIELDS = ['contentType', 'cacheControl', 'contentDisposition', 'contentEncoding', 'contentLanguage', 'expires'] as const satisfies ReadonlyArray<
  keyof SystemHeaders
>;

/** The six optional `String` input fields, described for `mode`. */
export function systemHeaderFields(t: PothosSchemaTypes.InputFieldBuilder<ApiSchemaTypes, 'InputObject'>, mode: 'edit' | 'new') {
  const note = mode === 'edit' ? ' Absent: kept as it is. null: removed.' : '';
  return {
    contentType: t.string({ description: `Content-Type.${note}` }),
    cacheControl: t.string({ description: `Cache-Control.${note}` }),
    contentDisposition: t.string({ description: `Content-Disposition.${note}` }),
    contentEncoding: t.string({ description: `Content-Encoding.${note}` }),
    contentLanguage: t.string({ description: `Content-Language.${note}` }),
    expires: t.string({ description: `Expires, an HTTP date stored verbatim.${note}` }),
  };
}

/** Checks the given system headers and returns them as edit changes (`null` removes). */
export function checkSystemHeaderChanges(input: SystemHeaderArgs, path = 'input.'): SystemHeaderChanges {
  const changes: { -readonly [K in keyof SystemHeaders]?: string | null } = {};
  for (const field of FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    changes[field] = value === null ? null : (checkHeaderValue(value, `${path}${field}`) as string);
  }
  return changes;
}

/** Checks the given system headers and returns those with a value (for new objects). */
export function checkSystemHeaders(input: SystemHeaderArgs, path = 'input.'): SystemHeaders {
  const headers: { -readonly [K in keyof SystemHeaders]?: string } = {};
  for (const field of FIELDS) {
    const value = checkHeaderValue(input[field], `${path}${field}`);
    if (value !== undefined) headers[field] = value;
  }
  return headers;
}
