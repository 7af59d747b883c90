/** The `Error` interface and one object type per {@link ApiError} class (mutation union members). */
import { builder } from '../builder.js';
import type { ApiError } from '../errors.js';
import {
  AccessDeniedError,
  AlreadyExistsError,
  BadUserInputError,
  ConflictError,
  IntegrityCheckFailedError,
  NotFoundError,
  PreconditionFailedError,
  UpstreamUnavailableError,
} from '../errors.js';

/** `interface Error { message, code }`, implemented by every error type. */
export const ErrorInterface = builder.interfaceRef<ApiError>('Error').implement({
  description: 'An expected failure of a mutation. `code` is stable; branch on it or on `__typename`.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code', { description: 'BAD_USER_INPUT, NOT_FOUND, PRECONDITION_FAILED, ACCESS_DENIED, ALREADY_EXISTS, UPSTREAM_UNAVAILABLE, INTEGRITY_CHECK_FAILED or CONFLICT.' }),
  }),
});

builder.objectType(BadUserInputError, {
  name: 'BadUserInputError',
  description: 'An argument broke a rule; nothing was sent to the store.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The argument path, e.g. `input.metadata`.' }),
    rule: t.exposeString('rule'),
    value: t.exposeString('value', { description: 'The received value, as JSON.' }),
    requestId: t.exposeString('requestId', { nullable: true, description: 'The OSS request id of the failed store request.' }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The object or bucket does not exist.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    bucket: t.string({ nullable: true, resolve: (e) => e.bucket ?? null }),
    key: t.string({ nullable: true, resolve: (e) => e.key ?? null }),
    requestId: t.exposeString('requestId', { nullable: true, description: 'The OSS request id of the failed store request.' }),
  }),
});

builder.objectType(PreconditionFailedError, {
  name: 'PreconditionFailedError',
  description: 'The object changed since it was read (or does not match `ifMatch`); nothing was changed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ requestId: t.exposeString('requestId', { nullable: true, description: 'The OSS request id of the failed store request.' }) }),
});

builder.objectType(AccessDeniedError, {
  name: 'AccessDeniedError',
  description: 'The bucket is not allowed by this API, or the store refused access.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ requestId: t.exposeString('requestId', { nullable: true, description: 'The OSS request id of the failed store request.' }) }),
});

builder.objectType(AlreadyExistsError, {
  name: 'AlreadyExistsError',
  description: 'The destination exists and `forbidOverwrite` was set.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ requestId: t.exposeString('requestId', { nullable: true, description: 'The OSS request id of the failed store request.' }) }),
});

builder.objectType(UpstreamUnavailableError, {
  name: 'UpstreamUnavailableError',
  description: 'The object store could not be reached or failed; retrying later may succeed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ requestId: t.exposeString('requestId', { nullable: true, description: 'The OSS request id of the failed store request.' }) }),
});

builder.objectType(IntegrityCheckFailedError, {
  name: 'IntegrityCheckFailedError',
  description: 'Data did not match its CRC-64; the operation is not confirmed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ requestId: t.exposeString('requestId', { nullable: true, description: 'The OSS request id of the failed store request.' }) }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description:
    'The object is being changed by someone else at the same time, so the edit could not be made safely (its modification time did not settle, ' +
    'or it changed while a multipart copy was in progress). Nothing was changed; retrying may succeed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ requestId: t.exposeString('requestId', { nullable: true, description: 'The OSS request id of the failed store request.' }) }),
});
