/**
 * The enums of object properties: GraphQL names in SCREAMING_CASE, internal values in OSS's own
 * spelling, so resolvers pass OSS values through and inputs arrive ready to send.
 */
import type { ObjectAcl, StorageClass } from '../../oss/operations/shared/request-headers.js';
import { builder } from '../builder.js';

/** GraphQL name → OSS value of each storage class. */
const STORAGE_CLASS_VALUES = {
  STANDARD: 'Standard',
  IA: 'IA',
  ARCHIVE: 'Archive',
  COLD_ARCHIVE: 'ColdArchive',
  DEEP_COLD_ARCHIVE: 'DeepColdArchive',
} as const satisfies Record<string, StorageClass>;

/** GraphQL name → OSS value (`x-oss-object-type`) of each object type. */
const OBJECT_TYPE_VALUES = { NORMAL: 'Normal', MULTIPART: 'Multipart', APPENDABLE: 'Appendable', SYMLINK: 'Symlink' } as const;

/** GraphQL name → OSS value of each object ACL. */
const OBJECT_ACL_VALUES = {
  DEFAULT: 'default',
  PRIVATE: 'private',
  PUBLIC_READ: 'public-read',
  PUBLIC_READ_WRITE: 'public-read-write',
} as const satisfies Record<string, ObjectAcl>;

/** GraphQL name → OSS value of each restore tier. */
const RESTORE_TIER_VALUES = { EXPEDITED: 'Expedited', STANDARD: 'Standard', BULK: 'Bulk' } as const;

/** An object type as OSS spells it. */
export type OssObjectType = (typeof OBJECT_TYPE_VALUES)[keyof typeof OBJECT_TYPE_VALUES];
/** A restore tier as OSS spells it. */
export type OssRestoreTier = (typeof RESTORE_TIER_VALUES)[keyof typeof RESTORE_TIER_VALUES];

/** Pothos enum values with the OSS spelling as each value's internal value and description. */
function enumValues<R extends Record<string, string>>(values: R): { [K in keyof R]: { value: R[K]; description: string } } {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value, description: `OSS \`${value}\`.` }])) as {
    [K in keyof R]: { value: R[K]; description: string };
  };
}

/** `enum StorageClass` (output of `StorageObject.storageClass`, input of `putObject`/`copyObject`). */
export const StorageClassEnum = builder.enumType('StorageClass', {
  description: 'OSS storage classes.',
  values: enumValues(STORAGE_CLASS_VALUES),
});

/** `enum ObjectType`. */
export const ObjectTypeEnum = builder.enumType('ObjectType', {
  description: 'How the object was written: one PutObject/CopyObject (NORMAL), multipart, append, or a symlink.',
  values: enumValues(OBJECT_TYPE_VALUES),
});

/** `enum ObjectAcl`. */
export const ObjectAclEnum = builder.enumType('ObjectAcl', {
  description: 'The ACL of an object. DEFAULT: the bucket ACL applies.',
  values: enumValues(OBJECT_ACL_VALUES),
});

/** `enum RestoreTier`. */
export const RestoreTierEnum = builder.enumType('RestoreTier', {
  description: 'How fast a restore of an archived object runs (and what it costs).',
  values: enumValues(RESTORE_TIER_VALUES),
});

const KNOWN_STORAGE_CLASSES: ReadonlySet<string> = new Set(Object.values(STORAGE_CLASS_VALUES));
const KNOWN_OBJECT_TYPES: ReadonlySet<string> = new Set(Object.values(OBJECT_TYPE_VALUES));
const KNOWN_ACLS: ReadonlySet<string> = new Set(Object.values(OBJECT_ACL_VALUES));

/** `value` when it is a storage class this schema knows, else null (a newer class than the schema). */
export function knownStorageClass(value: string | undefined): StorageClass | null {
  return value !== undefined && KNOWN_STORAGE_CLASSES.has(value) ? (value as StorageClass) : null;
}

/** `value` when it is an object type this schema knows, else null. */
export function knownObjectType(value: string | undefined): OssObjectType | null {
  return value !== undefined && KNOWN_OBJECT_TYPES.has(value) ? (value as OssObjectType) : null;
}

/** `value` when it is an ACL this schema knows; throws naming the value otherwise (`acl` is non-null). */
export function knownAcl(value: string): ObjectAcl {
  if (!KNOWN_ACLS.has(value)) throw new Error(`the store reported an object ACL this API does not know: ${JSON.stringify(value)}`);
  return value as ObjectAcl;
}
