/** The edit coordination options: OSSGRAPH_REDIS_URL is optional, checked, and never echoed. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/index.js';

describe('edit coordination configuration', () => {
  it('defaults to no Redis and bounded lease times', () => {
    const config = loadConfig({});
    expect(config.redisUrl).toBeUndefined();
    expect(config.editLeaseTtlMs).toBe(15_000);
    expect(config.editLeaseMaxWaitMs).toBe(20_000);
  });

  it('parses a Redis URL and durations', () => {
    const config = loadConfig({ OSSGRAPH_REDIS_URL: 'rediss://:pw@redis.internal:6380/2', OSSGRAPH_EDIT_LEASE_TTL: '30s', OSSGRAPH_EDIT_LEASE_MAX_WAIT: '500ms' });
    expect(config).toMatchObject({ redisUrl: 'rediss://:pw@redis.internal:6380/2', editLeaseTtlMs: 30_000, editLeaseMaxWaitMs: 500 });
  });

  it('rejects a URL that is not redis:// without echoing it (it may hold a password)', () => {
    let error: unknown;
    try {
      loadConfig({ OSSGRAPH_REDIS_URL: 'http://:hunter2@redis:6379', OSSGRAPH_EDIT_LEASE_TTL: '10ms' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('OSSGRAPH_REDIS_URL');
    expect(message).toContain('OSSGRAPH_EDIT_LEASE_TTL');
    expect(message).not.toContain('hunter2');
  });
});
