import { describe, expect, it } from 'vitest';
import { credentialsChain } from '../../../../src/oss/credentials/chain-provider.js';
import type { CredentialsProvider } from '../../../../src/oss/credentials/credentials.js';
import { environmentCredentials } from '../../../../src/oss/credentials/environment-provider.js';
import { staticCredentials, toCredentialsProvider } from '../../../../src/oss/credentials/static-provider.js';
import { OssCredentialsError } from '../../../../src/oss/errors.js';

describe('staticCredentials', () => {
  it('returns the given pair', async () => {
    await expect(staticCredentials({ accessKeyId: 'a', accessKeySecret: 's', securityToken: 't' }).getCredentials()).resolves.toEqual({
      accessKeyId: 'a',
      accessKeySecret: 's',
      securityToken: 't',
    });
  });
  it('rejects empty values at once', () => {
    expect(() => staticCredentials({ accessKeyId: '', accessKeySecret: 's' })).toThrow(OssCredentialsError);
  });
  it('wraps plain credentials and passes providers through', async () => {
    const provider: CredentialsProvider = { getCredentials: () => Promise.resolve({ accessKeyId: 'p', accessKeySecret: 'q' }) };
    expect(toCredentialsProvider(provider)).toBe(provider);
    await expect(toCredentialsProvider({ accessKeyId: 'a', accessKeySecret: 'b' }).getCredentials()).resolves.toEqual({ accessKeyId: 'a', accessKeySecret: 'b' });
  });
});

describe('environmentCredentials', () => {
  it('reads the three variables from the given env, not process.env', async () => {
    const env = { OSS_ACCESS_KEY_ID: 'id', OSS_ACCESS_KEY_SECRET: 'secret', OSS_SESSION_TOKEN: 'token' };
    await expect(environmentCredentials(env).getCredentials()).resolves.toEqual({ accessKeyId: 'id', accessKeySecret: 'secret', securityToken: 'token' });
  });
  it('omits an absent session token', async () => {
    await expect(environmentCredentials({ OSS_ACCESS_KEY_ID: 'id', OSS_ACCESS_KEY_SECRET: 's' }).getCredentials()).resolves.toEqual({ accessKeyId: 'id', accessKeySecret: 's' });
  });
  it('names the missing variables', async () => {
    await expect(environmentCredentials({ OSS_ACCESS_KEY_ID: 'id' }).getCredentials()).rejects.toThrow(/OSS_ACCESS_KEY_SECRET not set/);
    await expect(environmentCredentials({}).getCredentials()).rejects.toThrow(/OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET/);
  });
  it('sees later changes to the env object', async () => {
    const env: Record<string, string | undefined> = {};
    const provider = environmentCredentials(env);
    await expect(provider.getCredentials()).rejects.toBeInstanceOf(OssCredentialsError);
    env['OSS_ACCESS_KEY_ID'] = 'i';
    env['OSS_ACCESS_KEY_SECRET'] = 's';
    await expect(provider.getCredentials()).resolves.toMatchObject({ accessKeyId: 'i' });
  });
});

describe('credentialsChain', () => {
  function counting(result: 'ok' | 'fail', id: string) {
    let calls = 0;
    const provider: CredentialsProvider = {
      getCredentials: () => {
        calls++;
        return result === 'ok' ? Promise.resolve({ accessKeyId: id, accessKeySecret: 's' }) : Promise.reject(new Error(`${id} failed`));
      },
    };
    return { provider, calls: () => calls };
  }

  it('returns the first provider that answers, and asks it first next time', async () => {
    const a = counting('fail', 'a');
    const b = counting('ok', 'b');
    const c = counting('ok', 'c');
    const chain = credentialsChain([a.provider, b.provider, c.provider]);
    await expect(chain.getCredentials()).resolves.toMatchObject({ accessKeyId: 'b' });
    await expect(chain.getCredentials()).resolves.toMatchObject({ accessKeyId: 'b' });
    expect([a.calls(), b.calls(), c.calls()]).toEqual([1, 2, 0]);
  });

  it('walks again when the remembered provider fails', async () => {
    let bWorks = true;
    const chain = credentialsChain([
      { getCredentials: () => (bWorks ? Promise.resolve({ accessKeyId: 'b', accessKeySecret: 's' }) : Promise.reject(new Error('b gone'))) },
      { getCredentials: () => Promise.resolve({ accessKeyId: 'c', accessKeySecret: 's' }) },
    ]);
    await expect(chain.getCredentials()).resolves.toMatchObject({ accessKeyId: 'b' });
    bWorks = false;
    await expect(chain.getCredentials()).resolves.toMatchObject({ accessKeyId: 'c' });
  });

  it('rejects with every failure when none answers', async () => {
    const chain = credentialsChain([counting('fail', 'a').provider, environmentCredentials({})]);
    const error = await chain.getCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssCredentialsError);
    expect((error as Error).message).toMatch(/a failed; environment credentials/);
    expect((error as Error).cause).toBeInstanceOf(AggregateError);
  });

  it('needs at least one provider', () => {
    expect(() => credentialsChain([])).toThrow(OssCredentialsError);
  });
});
