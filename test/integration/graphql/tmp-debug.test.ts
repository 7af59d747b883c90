import { it } from 'vitest';
import { startGraphQLStack } from '../../helpers/graphql-stack.js';
it('debug', async () => {
  const stack = await startGraphQLStack({ buckets: ['photos'] });
  console.log(JSON.stringify(await stack.graphql(`{ bucket(name: "photos") { objects(first: 0) { nodes { key } } } }`)));
  console.log(JSON.stringify(await stack.graphql(`{ object(bucket: "photos", key: "/x") { key } }`)));
  await stack.close();
});
