import { startLocalOssProcess } from './lib/local-oss-process.js';
import { createRawOss } from './lib/raw-oss.js';
import { closedLoop } from './lib/pool.js';
import { seedObjects } from './lib/seed.js';
import { readProcMemory } from './lib/proc-memory.js';
const lo = await startLocalOssProcess('/work/main', { buckets: ['bench'] });
const raw = createRawOss(lo, 16);
const REF = { bucket: 'bench', key: 'hot/object' };
await seedObjects(raw, [REF]);
for (let i = 0; i < 6; i++) {
  const r = await closedLoop(16, 3000, () => raw.head(REF));
  console.log(i, r.perSecond.toFixed(0), await readProcMemory(lo.server.pid), process.memoryUsage().rss/2**20);
}
await raw.close(); await lo.stop();
