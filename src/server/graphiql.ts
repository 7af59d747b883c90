/** GraphiQL as ossgraph serves it: offline (no CDN), with a query that works on the demo bucket. */
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

/** Yoga `graphiql` options: title and default query. */
export function graphiqlOptions(): GraphiQLOptions {
  return { title: 'ossgraph', defaultQuery: GRAPHIQL_DEFAULT_QUERY };
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
