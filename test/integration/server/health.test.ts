import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppFixture } from './app-fixture.js';
import type { AppFixture } from './app-fixture.js';

describe('health and readiness', () => {
  let fixture: AppFixture;
  beforeAll(async () => {
    fixture = await startAppFixture();
  });
  afterAll(() => fixture.close());

  it('answers /healthz and /readyz with 200 without touching the store', async () => {
    expect((await fixture.fetch('/healthz')).status).toBe(200);
    expect((await fixture.fetch('/readyz')).status).toBe(200);
    expect(fixture.store.stats.total()).toBe(0);
  });

  it('answers unknown paths with 404', async () => {
    expect((await fixture.fetch('/nope')).status).toBe(404);
  });

  it('fails readiness, not liveness, once draining', async () => {
    fixture.app.readiness.drain();
    const ready = await fixture.fetch('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.text()).toBe('shutting down');
    expect((await fixture.fetch('/healthz')).status).toBe(200);
  });
});
