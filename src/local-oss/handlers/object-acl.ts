/** GetObjectAcl: the ACL stored with an object. */
import { OWNER } from './bucket.js';
import type { Handler } from './context.js';
import { requireRecord } from './get-object.js';

/**
 * `GET /<key>?acl` → `<AccessControlPolicy>` with the owner and the object's ACL as the single
 * `Grant` (`default` when no write ever set one: the bucket's ACL applies).
 */
export const getObjectAcl: Handler = async (ctx) => {
  const record = await requireRecord(ctx);
  return {
    xml: {
      root: 'AccessControlPolicy',
      value: { Owner: OWNER, AccessControlList: { Grant: record.acl } },
    },
  };
};
