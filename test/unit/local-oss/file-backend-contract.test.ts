import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileBackend } from '../../../src/local-oss/backend/file-backend.js';
import { createMemoryBackend } from '../../../src/local-oss/backend/memory-backend.js';
import { describeBackendContract } from '../../helpers/backend-contract.js';

describeBackendContract('memory', async () => createMemoryBackend());

let dirs: string[] = [];
describeBackendContract(
  'file',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ossgraph-file-backend-'));
    dirs.push(dir);
    return createFileBackend({ dataDir: join(dir, 'data') });
  },
  {
    cleanup: async () => {
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
      dirs = [];
    },
  },
);
