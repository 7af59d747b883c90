/** Remembers, per HTTP request, the OSS request ids of the store answers it caused (for its log line). */
import type { StoreObserver } from '../oss/observer.js';
import { attemptScope, recordStoreRequestId } from './request-scope.js';

/** A store observer recording each answer's `x-oss-request-id` in the request scope of its call. */
export const storeRequestIdRecorder: StoreObserver = {
  attemptStarted(attempt) {
    const scope = attemptScope(attempt);
    return ({ requestId }) => {
      if (scope !== undefined && requestId !== undefined && requestId !== '') recordStoreRequestId(scope, requestId);
    };
  },
};
