/** The operation limits of one endpoint, as Yoga plugins, from the loaded configuration. */
import type { AppConfig } from '../config/index.js';
import type { Plugin } from 'graphql-yoga';
import { useIntrospectionSwitch } from './plugins/use-introspection-switch.js';
import { useLimitErrorCollapse } from './plugins/use-limit-error-collapse.js';
import { useMaxAliases } from './plugins/use-max-aliases.js';
import { useMaxDepth } from './plugins/use-max-depth.js';
import { useMaxDirectives } from './plugins/use-max-directives.js';
import { useMaxDocumentBytes } from './plugins/use-max-document-bytes.js';
import { useMaxTokens } from './plugins/use-max-tokens.js';
import { useTrustedDocuments } from './plugins/use-trusted-documents.js';
import type { TrustedDocuments } from './plugins/use-trusted-documents.js';

/** The limits every operation of an endpoint must stay within. */
export type OperationLimits = Pick<AppConfig, 'maxDepth' | 'maxAliases' | 'maxTokens' | 'maxDirectives' | 'maxDocumentBytes' | 'introspection'>;

/**
 * The plugins enforcing `limits`, cheapest first: document size (before parsing), trusted
 * documents when `trusted` is given (before parsing), tokens (while parsing), then depth, aliases,
 * directives and introspection (validation). Every refusal happens before execution, so it costs
 * no store request. The store-request cap itself is enforced in the per-request store view
 * (`src/loaders/store-api.ts`); its repeated errors are collapsed into one here. Create one list
 * per Yoga instance.
 */
export function operationLimitPlugins(limits: OperationLimits, trusted?: TrustedDocuments): Plugin[] {
  return [
    useMaxDocumentBytes({ maxBytes: limits.maxDocumentBytes }),
    ...(trusted === undefined ? [] : [useTrustedDocuments({ documents: trusted })]),
    useMaxTokens({ max: limits.maxTokens }),
    useMaxDepth({ max: limits.maxDepth }),
    useMaxAliases({ max: limits.maxAliases }),
    useMaxDirectives({ max: limits.maxDirectives }),
    useIntrospectionSwitch({ enabled: limits.introspection }),
    useLimitErrorCollapse(),
  ];
}
