/** The custom scalars: `DateTime`, `SafeInt`, `File`. */
import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

/** `DateTime`: an ISO 8601 timestamp in UTC (`2024-05-01T12:00:00.000Z`). */
export const DateTimeScalar = builder.scalarType('DateTime', {
  description: 'An ISO 8601 timestamp in UTC, e.g. `2024-05-01T12:00:00.000Z`.',
  serialize: (value) => {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return value.toISOString();
  },
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string in ISO 8601 format', { nodes: ast });
    return parseDateTime(ast.value);
  },
});

/**
 * `SafeInt`: an integer between -(2^53-1) and 2^53-1. GraphQL `Int` is 32-bit, and object sizes
 * and offsets exceed 2^31.
 */
export const SafeIntScalar = builder.scalarType('SafeInt', {
  description: 'An integer between -(2^53-1) and 2^53-1, for sizes beyond the 32-bit `Int` (objects can be terabytes).',
  serialize: (value) => {
    if (!Number.isSafeInteger(value)) throw new GraphQLError(`SafeInt cannot represent ${String(value)}`);
    return value;
  },
  parseValue: (value) => parseSafeInt(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT) throw new GraphQLError('SafeInt must be an integer literal', { nodes: ast });
    return parseSafeInt(Number(ast.value));
  },
});

/** `File`: an upload in a GraphQL multipart request (input only). */
export const FileScalar = builder.scalarType('File', {
  description: 'A file sent in a GraphQL multipart request (input only).',
  serialize: () => {
    throw new GraphQLError('File is an input-only scalar');
  },
  parseValue: (value) => {
    // Why duck typing: Yoga's multipart parser creates files of its own fetch implementation
    // (@whatwg-node), which are not instances of Node's global `File`.
    if (!isFileLike(value)) throw new GraphQLError('File must be sent as a file of a GraphQL multipart request');
    return value;
  },
  parseLiteral: (ast) => {
    throw new GraphQLError('File cannot be written inline; send it in a GraphQL multipart request', { nodes: ast });
  },
});

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new GraphQLError(`DateTime must be an ISO 8601 timestamp with a time zone; received ${JSON.stringify(value)}`);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime is not a valid date; received ${JSON.stringify(value)}`);
  return date;
}

function parseSafeInt(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new GraphQLError(`SafeInt must be an integer between -(2^53-1) and 2^53-1; received ${JSON.stringify(value)}`);
  }
  return value;
}

function isFileLike(value: unknown): value is File {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Partial<Record<'arrayBuffer' | 'size' | 'name', unknown>>;
  return typeof file.arrayBuffer === 'function' && typeof file.size === 'number' && typeof file.name === 'string';
}
