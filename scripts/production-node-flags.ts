/**
 * The Node flags the production entry runs with (`npm run serve`; the benchmark starts the compiled
 * server with the same ones). `test/unit/server/production-node-flags.test.ts` keeps `package.json` in step.
 *
 * Why a larger young generation: a GraphQL request allocates ≈ 1–2 MB of short-lived objects (a
 * 20-object query: request/response objects, headers, promises, resolver info), almost all dead by
 * the next scavenge. V8's default semi-space (16 MiB at most) makes the scavenger run dozens of
 * times a second under load; 64 MiB lets four times as much garbage die between runs, and a
 * scavenge costs what survives, not what died (issue 11: ≈ 20–25 % less CPU per request on the
 * 20-object query). The price is up to ≈ 150 MiB more resident memory under load, none at idle.
 */
export const PRODUCTION_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
