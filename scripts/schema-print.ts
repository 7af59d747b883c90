/** `npm run schema:print`: writes the public schema as sorted SDL to stdout. */
import { printSchema } from 'graphql';
import { buildPublicSchema } from '../src/graphql/schema.js';

process.stdout.write(`${printSchema(buildPublicSchema())}\n`);
