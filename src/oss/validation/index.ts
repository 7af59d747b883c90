/** The validation layer's public surface: input rules checked before any request is sent. */
export { assertBucketName } from './bucket-name.js';
export { assertObjectKey, MAX_OBJECT_KEY_BYTES } from './object-key.js';
export { normalizeUserMetadata, MAX_USER_METADATA_BYTES } from './user-metadata.js';
export { assertHeaderValue, assertAsciiHeaderValue } from './header-value.js';
