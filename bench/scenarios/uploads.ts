import type { Scenario } from '../lib/scenario.js';
/** Scenario 4 (stub). */
export const uploadsScenario: Scenario = { id: 'uploads', title: '4 uploads', estimateSeconds: 1, run: async () => [] };
