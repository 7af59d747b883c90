/**
 * The peer of scenario 3: what a competent user would write instead of ossgraph — a plain
 * graphql-yoga server with **one DataLoader per request** over `ali-oss` `head()` (so repeated
 * objects cost one HEAD and a request's HEADs go out together), and listings through `listV2`,
 * whose entries answer `key`, `contentLength` and `etag` without a HEAD (it primes nothing it does
 * not get: a listed field never HEADs, any other field loads the object's HEAD once). Same field
 * names as ossgraph for the measured queries, so the same documents run on both and send the same
 * store requests (the scenario checks that).
 *
 * Run as its own process: env `OSS_ENDPOINT`, `OSS_REGION` (`oss-cn-hangzhou`), `OSS_ACCESS_KEY_ID`,
 * `OSS_ACCESS_KEY_SECRET`, `PORT` (0 for any). Prints `peer listening on http://127.0.0.1:PORT/graphql`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OSS from 'ali-oss';
import DataLoader from 'dataloader';
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
  type StorageObjectConnection { nodes: [StorageObject!]! }
  type Bucket {
    name: String!
    objects(prefix: String, first: Int, after: String): StorageObjectConnection!
  }
  input ObjectRefInput { bucket: String! key: String! }
  type Query {
    object(bucket: String!, key: String!): StorageObject
    objects(refs: [ObjectRefInput!]!): [StorageObject]!
    bucket(name: String!): Bucket
  }
`;

/** What `head()` answered. */
interface Head {
  readonly headers: Record<string, string>;
  readonly meta: Record<string, string>;
}

/** What a listing entry answered. */
interface Listed {
  readonly size: number;
  readonly etag: string;
  readonly lastModified: string;
}

/** A StorageObject parent: from a HEAD (`object`, `objects`) or from a listing entry. */
interface Obj {
  readonly bucket: string;
  readonly key: string;
  readonly head?: Head;
  readonly listed?: Listed;
}

interface Context {
  /** Per request: `${bucket}\n${key}` → the object's HEAD, null when missing. */
  readonly heads: DataLoader<string, Head | null>;
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

async function head(id: string): Promise<Head | null> {
  const cut = id.indexOf('\n');
  const bucket = id.slice(0, cut);
  try {
    const result = await clientFor(bucket).head(id.slice(cut + 1));
    return { headers: result.res.headers as Record<string, string>, meta: (result.meta ?? {}) as Record<string, string> };
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

/** The HEAD of `o`: the one it came with, or one load through the request's DataLoader. */
async function headOf(o: Obj, ctx: Context): Promise<Head> {
  if (o.head !== undefined) return o.head;
  const loaded = await ctx.heads.load(`${o.bucket}\n${o.key}`);
  if (loaded === null) throw new Error(`object ${o.bucket}/${o.key} disappeared`);
  return loaded;
}

async function loadObject(bucket: string, key: string, ctx: Context): Promise<Obj | null> {
  const h = await ctx.heads.load(`${bucket}\n${key}`);
  return h === null ? null : { bucket, key, head: h };
}

const schema = createSchema<Context>({
  typeDefs,
  resolvers: {
    Query: {
      object: (_: unknown, args: { bucket: string; key: string }, ctx: Context) => loadObject(args.bucket, args.key, ctx),
      objects: (_: unknown, args: { refs: Array<{ bucket: string; key: string }> }, ctx: Context) =>
        Promise.all(args.refs.map((ref) => loadObject(ref.bucket, ref.key, ctx))),
      bucket: (_: unknown, args: { name: string }) => ({ name: args.name }),
    },
    Bucket: {
      objects: async (b: { name: string }, args: { prefix?: string | null; first?: number | null; after?: string | null }) => {
        const query: Record<string, string> = { 'max-keys': String(args.first ?? 100) };
        if (args.prefix != null) query['prefix'] = args.prefix;
        if (args.after != null) query['continuation-token'] = args.after;
        const page = await clientFor(b.name).listV2(query, {});
        return {
          nodes: (page.objects ?? []).map(
            (o): Obj => ({ bucket: b.name, key: o.name, listed: { size: Number(o.size), etag: o.etag, lastModified: o.lastModified } }),
          ),
        };
      },
    },
    StorageObject: {
      contentLength: (o: Obj, _: unknown, ctx: Context) =>
        o.listed !== undefined ? o.listed.size : headOf(o, ctx).then((h) => Number(h.headers['content-length'])),
      etag: (o: Obj, _: unknown, ctx: Context) => (o.listed !== undefined ? o.listed.etag : headOf(o, ctx).then((h) => h.headers['etag'])),
      lastModified: (o: Obj, _: unknown, ctx: Context) =>
        o.listed !== undefined
          ? new Date(o.listed.lastModified).toISOString()
          : headOf(o, ctx).then((h) => new Date(h.headers['last-modified'] ?? 0).toISOString()),
      contentType: (o: Obj, _: unknown, ctx: Context) => headOf(o, ctx).then((h) => h.headers['content-type'] ?? null),
      cacheControl: (o: Obj, _: unknown, ctx: Context) => headOf(o, ctx).then((h) => h.headers['cache-control'] ?? null),
      metadata: (o: Obj, _: unknown, ctx: Context) =>
        headOf(o, ctx).then((h) =>
          Object.entries(h.meta)
            .map(([key, value]) => ({ key, value }))
            .sort((a, b) => (a.key < b.key ? -1 : 1)),
        ),
    },
  },
});

const yoga = createYoga<object, Context>({
  schema,
  graphiql: false,
  logging: false,
  // One DataLoader per request: deduplicates and batches within the request, shares nothing across requests.
  context: () => ({ heads: new DataLoader<string, Head | null>((ids) => Promise.all(ids.map(head))) }),
});
const server = createServer(yoga);
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`peer listening on http://127.0.0.1:${port}/graphql`);
});
const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
