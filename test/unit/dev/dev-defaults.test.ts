import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { withDevDefaults } from '../../../src/dev/dev-defaults.js';

describe('withDevDefaults (npm start)', () => {
  it('turns GraphiQL and introspection on where the environment is silent, and leaves them off for npm run serve', () => {
    expect(loadConfig(withDevDefaults({}))).toMatchObject({ graphiql: true, introspection: true });
    expect(loadConfig(withDevDefaults({ OSSGRAPH_GRAPHIQL: '  ', OSSGRAPH_INTROSPECTION: '' }))).toMatchObject({ graphiql: true, introspection: true });
    expect(loadConfig({})).toMatchObject({ graphiql: false, introspection: false });
  });

  it('keeps what the environment says', () => {
    const env = { OSSGRAPH_GRAPHIQL: 'false', OSSGRAPH_INTROSPECTION: 'off' };
    expect(loadConfig(withDevDefaults(env))).toMatchObject({ graphiql: false, introspection: false });
    expect(env).toEqual({ OSSGRAPH_GRAPHIQL: 'false', OSSGRAPH_INTROSPECTION: 'off' });
  });
});
