/** Edit coordination: per-object queues with group commit, leases and the fencing check (DESIGN §13). */
export { composeEdits } from './compose-edits.js';
export { createLeaseProvider } from './create-lease-provider.js';
export type { LeaseSettings } from './create-lease-provider.js';
export { createEditCoordinator, DEFAULT_MAX_GROUP_SIZE } from './edit-coordinator.js';
export type { EditCoordinator, EditCoordinatorOptions, EditCoordinatorStats, ObjectTarget } from './edit-coordinator.js';
export { fenceApi } from './fence.js';
export type { CommitOperations, EditScope, EditsInFlight } from './fence.js';
export { createInProcessLeases } from './in-process-lease.js';
export type { InProcessLeaseOptions } from './in-process-lease.js';
export { createKeyedQueue } from './keyed-queue.js';
export type { KeyedQueue } from './keyed-queue.js';
export { LeaseStoreUnavailableError, leaseName } from './lease.js';
export type { Lease, LeaseProvider } from './lease.js';
export { prepareEdit } from './prepare-edit.js';
export type { PreparedEdit } from './prepare-edit.js';
export { createRedisLeases } from './redis-lease.js';
export type { RedisLeaseOptions } from './redis-lease.js';
