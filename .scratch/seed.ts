import { seedDemoBucket } from '../src/dev/seed-demo.js';
import { startOssgraphStack } from '../test/e2e/support/ossgraph-stack.js';
const stack = await startOssgraphStack({ buckets: [] });
console.log('b');
const t = setTimeout(() => console.log('stats', stack.store.stats.snapshot()), 5000);
console.log(await seedDemoBucket(stack.app.api));
clearTimeout(t);
await stack.close();
