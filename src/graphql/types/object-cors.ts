/** `ObjectCors`: what the bucket's CORS rules answer for an origin (and method). */
import type { CorsHeaders } from '../../oss/operations/head-object.js';
import { builder } from '../builder.js';

/** `type ObjectCors`; every field is null when no rule matched. */
export const ObjectCorsRef = builder.objectRef<CorsHeaders>('ObjectCors').implement({
  description: "The bucket's CORS answer for a request from `origin` (a HeadObject with an `Origin` header).",
  fields: (t) => ({
    allowOrigin: t.string({ nullable: true, resolve: (c) => c.allowOrigin ?? null }),
    allowMethods: t.string({ nullable: true, resolve: (c) => c.allowMethods ?? null }),
    maxAge: t.int({ nullable: true, description: 'Seconds a preflight answer may be cached.', resolve: (c) => c.maxAge ?? null }),
    allowHeaders: t.string({ nullable: true, resolve: (c) => c.allowHeaders ?? null }),
    exposeHeaders: t.string({ nullable: true, resolve: (c) => c.exposeHeaders ?? null }),
  }),
});
