/**
 * The hand-written baseline of scenario 3: what a user might write instead of ossgraph — a plain
 * graphql-yoga server whose `object`/`objects` resolvers call `ali-oss` `head()` once per object,
 * no DataLoader, no lookahead. Same field names as ossgraph so the same query runs on both.
 *
 * Run as its own process: env `OSS_ENDPOINT`, `OSS_REGION` (`oss-cn-hangzhou`), `OSS_ACCESS_KEY_ID`, `OSS_ACCESS_KEY_SECRET`, `PORT`
 * (0 for any). Prints `handwritten listening on http://127.0.0.1:PORT/graphql`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OSS from 'ali-oss';
import { createSchema, createYoga } from 'graphql-yoga';

const typeDefs = /* GraphQL */ `
  type MetadataEntry { key: String! value: String! }
  type StorageObject {
    bucket: String!
    key: String!
    contentLength: Float
    etag: String
    lastModified: String
    contentType: String
    cacheControl: String
    metadata: [MetadataEntry!]!
  }
  input ObjectRefInput { bucket: String! key: String! }
  type Query {
    object(bucket: String!, key: String!): StorageObject
    objects(refs: [ObjectRefInput!]!): [StorageObject]!
  }
`;

interface Head {
  bucket: string;
  key: string;
  headers: Record<string, string>;
  meta: Record<string, string>;
}

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
}

const clients = new Map<string, OSS>();
function clientFor(bucket: string): OSS {
  let client = clients.get(bucket);
  if (client === undefined) {
    // ali-oss defaults (V1 signatures, its own keep-alive agent): what a user gets out of the box.
    client = new OSS({
      endpoint: env('OSS_ENDPOINT'),
      region: env('OSS_REGION'),
      accessKeyId: env('OSS_ACCESS_KEY_ID'),
      accessKeySecret: env('OSS_ACCESS_KEY_SECRET'),
      bucket,
      secure: false,
    });
    clients.set(bucket, client);
  }
  return client;
}

/** One `head()` per call; null for a missing object, like ossgraph. */
async function head(bucket: string, key: string): Promise<Head | null> {
  try {
    const result = await clientFor(bucket).head(key);
    const headers = result.res.headers as Record<string, string>;
    return { bucket, key, headers, meta: (result.meta ?? {}) as Record<string, string> };
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

const schema = createSchema({
  typeDefs,
  resolvers: {
    Query: {
      object: (_: unknown, args: { bucket: string; key: string }) => head(args.bucket, args.key),
      objects: (_: unknown, args: { refs: Array<{ bucket: string; key: string }> }) =>
        Promise.all(args.refs.map((ref) => head(ref.bucket, ref.key))),
    },
    StorageObject: {
      contentLength: (o: Head) => Number(o.headers['content-length']),
      etag: (o: Head) => o.headers['etag'],
      lastModified: (o: Head) => new Date(o.headers['last-modified'] ?? 0).toISOString(),
      contentType: (o: Head) => o.headers['content-type'] ?? null,
      cacheControl: (o: Head) => o.headers['cache-control'] ?? null,
      metadata: (o: Head) =>
        Object.entries(o.meta)
          .map(([key, value]) => ({ key, value }))
          .sort((a, b) => (a.key < b.key ? -1 : 1)),
    },
  },
});

const yoga = createYoga({ schema, graphiql: false, logging: false });
const server = createServer(yoga);
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`handwritten listening on http://127.0.0.1:${port}/graphql`);
});
const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
