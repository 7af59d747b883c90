/**
 * The graphql-js runtime values the schema layer uses, taken from the one copy every dependency
 * loads. Import graphql-js values from here; `import type` from `graphql` is fine.
 *
 * Why not `from 'graphql'`: graphql 16 ships `index.js` (CommonJS) and `index.mjs` with no
 * `exports` map. Node, and so Pothos and Yoga, load `index.js`; Vite-based tools (vitest) resolve
 * a bare `graphql` in our source to `index.mjs`. Two copies fail each other's `instanceof`
 * checks: schema building throws "from another module or realm", and Yoga masks our errors.
 * Naming the file pins the same copy in both worlds.
 */
export {
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  getNamedType,
  isObjectType,
} from 'graphql/index.js';
