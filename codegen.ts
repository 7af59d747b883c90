/**
 * GraphQL Code Generator configuration (`npm run codegen`; `npm run schema:check` verifies the
 * committed output). Writes the public schema as sorted SDL to `schema/schema.graphql` and typed
 * documents for `schema/operations/*.graphql` to `test/__generated__/`, with the trusted-documents
 * manifest `test/__generated__/persisted-documents.json` (SHA-256 hash → document), which a server
 * started with `OSSGRAPH_TRUSTED_DOCUMENTS` pointing at it accepts, and only it.
 *
 * Why the schema is imported rather than pointed at: the CLI loads this file through jiti, so the
 * Pothos schema module loads as TypeScript ESM with no loader hooks (reference/graphql-stack.md
 * §5.1). `src/graphql/schema.ts` is side-effect free (no I/O, no environment).
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { buildPublicSchema } from './src/graphql/schema.js';

/** Where the generated files go. */
export const GENERATED = {
  schema: 'schema/schema.graphql',
  documents: 'test/__generated__/',
} as const;

const config: CodegenConfig = {
  schema: printSchema(buildPublicSchema()),
  // Why: NodeNext resolution needs `.js` on the generated relative imports.
  emitLegacyCommonJSImports: false,
  documents: ['schema/operations/*.graphql'],
  ignoreNoDocuments: true,
  generates: {
    [GENERATED.schema]: {
      plugins: ['schema-ast'],
      config: { sort: true, includeDirectives: false, commentDescriptions: false },
    },
    [GENERATED.documents]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: {
          DateTime: 'string',
          SafeInt: 'number',
          File: 'File',
        },
      },
    },
  },
};

// Why a default export: the codegen CLI requires one (DESIGN.md §11.3).
export default config;
