import type { Scenario } from '../lib/scenario.js';
/** Scenario 2 (stub). */
export const latencyScenario: Scenario = { id: 'latency', title: '2 latency', estimateSeconds: 1, run: async () => [] };
