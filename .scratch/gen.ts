import { generate } from '@graphql-codegen/cli';
import config from '../codegen.js';
const gen = config.generates as Record<string, unknown>;
const outputs = (await generate({ ...config, generates: { '.scratch/gen/': gen['test/__generated__/'] as never }, silent: true }, true));
console.log(outputs.map((o: { filename: string }) => o.filename));
