/** Remembers, per HTTP request, the OSS request ids of the store answers it caused (for its log line). */
import type { StoreObserver } from '../oss/observer.js';
import { currentScope, recordStoreRequestId } from './request-scope.js';

/** A store observer recording each answer's `x-oss-request-id` in the current request scope. */
export const storeRequestIdRecorder: StoreObserver = {
  attemptStarted() {
    const scope = currentScope();
    return ({ requestId }) => {
      if (scope !== undefined && requestId !== undefined && requestId !== '') recordStoreRequestId(scope, requestId);
    };
  },
};
