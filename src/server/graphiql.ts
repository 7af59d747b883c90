/** GraphiQL as ossgraph serves it: offline (no CDN), with example tabs that work on the demo bucket. */
import type { GraphiQLOptions } from 'graphql-yoga';

/** The query GraphiQL opens with; `npm start` seeds the `demo` bucket it reads. */
export const GRAPHIQL_DEFAULT_QUERY = `# ossgraph: a GraphQL API over object-storage metadata.
# \`npm start\` seeds the "demo" bucket; press the run button to list it and read one
# object's metadata. Multipart uploads (putObject with a File) need the x-graphql-yoga-csrf header.
query DemoBucket {
  bucket(name: "demo") {
    name
    objects(first: 20) {
      nodes {
        key
        contentLength
        lastModified
        etag
      }
    }
  }
  object(bucket: "demo", key: "docs/readme.md") {
    key
    contentType
    contentLanguage
    cacheControl
    metadata {
      key
      value
    }
  }
}
`;

/** One GraphiQL tab: an operation (and its variables, as JSON) that works on the demo bucket. */
export interface GraphiQLTab {
  readonly query: string;
  readonly variables?: string;
}

/**
 * The tabs GraphiQL opens with, each runnable as is against the seeded `demo` bucket: the default
 * query, a folder listing, one object with everything, an edit, tags, and an image's dimensions.
 */
export const GRAPHIQL_TABS: readonly GraphiQLTab[] = [
  { query: GRAPHIQL_DEFAULT_QUERY },
  {
    query: `# One "folder": objects directly under reports/2026/, sub-folders in \`folders\`.
# Listed fields (size, ETag, dates, storage class, type) cost no request beyond the listing.
query ListFolder($prefix: String = "reports/", $first: Int = 50) {
  bucket(name: "demo") {
    objects(prefix: $prefix, delimiter: "/", first: $first) {
      folders
      nodes { id key contentLength lastModified storageClass objectType }
      pageInfo { hasNextPage endCursor }
    }
  }
}
`,
  },
  {
    query: `# One object with everything. Each group of fields costs one store request:
# HeadObject (metadata), GetObjectTagging (tags), GetObjectAcl (acl), image info (image).
query OneObject($key: String! = "reports/2026/q1.csv") {
  object(bucket: "demo", key: $key) {
    id key versionId contentLength etag lastModified hashCrc64
    contentType contentDisposition contentLanguage cacheControl
    storageClass objectType
    metadata { key value }
    tags { key value }
    acl
    restore { ongoing expiresAt }
    expiration { expiresAt ruleId }
    downloadUrl(expiresIn: 300)
  }
}
`,
  },
  {
    query: `# A metadata edit: set one key, keep everything else (system headers, tags, ACL).
mutation EditMetadata {
  updateMetadata(input: { bucket: "demo", key: "docs/readme.md", set: [{ key: "reviewed", value: "twice" }] }) {
    __typename
    ... on UpdateMetadataSuccess { etag object { metadata { key value } tags { key value } } }
    ... on Error { code message }
  }
}
`,
  },
  {
    query: `# Tags: merge one in (concurrent updates never lose each other's tags), then read them back.
mutation Tags {
  updateTags(input: { bucket: "demo", key: "images/gradient.png", set: [{ key: "reviewed", value: "yes" }] }) {
    __typename
    ... on UpdateTagsSuccess { tags { key value } }
    ... on Error { code message }
  }
}
`,
  },
  {
    query: `# Versions of one document in the versioned demo bucket (one ListObjectVersions), newest first.
query Versions {
  bucket(name: "demo-versions") {
    versioning
  }
  object(bucket: "demo-versions", key: "notes.txt") {
    versions(first: 10) {
      nodes { versionId isLatest isDeleteMarker lastModified contentLength object { id contentType } }
    }
  }
}
`,
  },
  {
    query: `# Image dimensions (x-oss-process=image/info): one request per object, null for non-images.
query ImageSize {
  bucket(name: "demo") {
    objects(prefix: "images/") {
      nodes { key contentType image { width height format } }
    }
  }
}
`,
  },
];

/** Yoga `graphiql` options: title, default query and the example tabs. */
export function graphiqlOptions(): GraphiQLOptions {
  return {
    title: 'ossgraph',
    defaultQuery: GRAPHIQL_DEFAULT_QUERY,
    defaultTabs: GRAPHIQL_TABS.map((tab) => ({ query: tab.query, ...(tab.variables === undefined ? {} : { variables: tab.variables }) })),
  };
}

/**
 * Renders GraphiQL with its CSS, JS, favicon and editor workers inlined, so loading the page makes
 * no request to any other host (Yoga's default HTML loads them from unpkg).
 *
 * Why the renderer is imported on the first page request: its inlined bundle costs about 70 MiB
 * of memory, which a server that never serves the page (or runs with GraphiQL off) should not pay.
 */
export async function renderOfflineGraphiQL(options: GraphiQLOptions): Promise<string> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  return renderGraphiQL(options);
}
