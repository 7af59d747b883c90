/** The server options a test Yoga over a small schema needs when it is about one plugin. */
import { createJsonLogger } from '../../src/server/logger.js';

/** Silent logs, a fixed clock, a 1 KiB upload limit, no CORS, no GraphiQL. */
export const BARE_YOGA_OPTIONS = {
  logger: createJsonLogger({ level: 'silent' }),
  now: () => 0,
  maxUploadBytes: 1024,
  corsOrigins: [],
  graphiql: false,
} as const;
