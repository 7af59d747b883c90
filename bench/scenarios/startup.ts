import type { Scenario } from '../lib/scenario.js';
/** Scenario 5 (stub). */
export const startupScenario: Scenario = { id: 'startup', title: '5 startup', estimateSeconds: 1, run: async () => [] };
