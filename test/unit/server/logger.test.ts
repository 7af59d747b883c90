import { describe, expect, it } from 'vitest';
import { createJsonLogger, toYogaLogger } from '../../../src/server/logger.js';

/** A logger writing into an array, at a fixed time. */
function capture(level: Parameters<typeof createJsonLogger>[0]['level']) {
  const lines: string[] = [];
  const logger = createJsonLogger({ level, write: (line) => lines.push(line), now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createJsonLogger', () => {
  it('writes one JSON object per line with time, level, message and fields', () => {
    const { logger, lines, records } = capture('info');
    logger.info('request', { status: 200, durationMs: 1.5 });
    expect(lines).toEqual(['{"time":"2026-01-02T03:04:05.000Z","level":"info","msg":"request","status":200,"durationMs":1.5}\n']);
    expect(records()).toHaveLength(1);
  });

  it('drops lines below the level; silent drops everything', () => {
    const warn = capture('warn');
    warn.logger.debug('a');
    warn.logger.info('b');
    warn.logger.warn('c');
    warn.logger.error('d');
    expect(warn.records().map((r) => r['msg'])).toEqual(['c', 'd']);
    const silent = capture('silent');
    silent.logger.error('x');
    expect(silent.lines).toEqual([]);
  });

  it('serialises errors with name, message, code and stack', () => {
    const { logger, records } = capture('debug');
    logger.error('boom', { error: Object.assign(new TypeError('bad'), { code: 'E_BAD' }) });
    expect(records()[0]?.['error']).toMatchObject({ name: 'TypeError', message: 'bad', code: 'E_BAD', stack: expect.stringContaining('TypeError: bad') });
  });

  it('never throws on a field it cannot stringify', () => {
    const { logger, records } = capture('info');
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    logger.info('odd', { cyclic });
    expect(records()[0]).toMatchObject({ msg: 'odd', logError: expect.stringContaining('circular') });
  });
});

describe('toYogaLogger', () => {
  it('turns Yoga’s variadic calls into one line each', () => {
    const { logger, records } = capture('debug');
    const yoga = toYogaLogger(logger);
    yoga.debug('Parsing request', { a: 1 });
    yoga.error(new Error('failed'));
    expect(records()).toMatchObject([
      { level: 'debug', msg: 'Parsing request', source: 'yoga', details: ['{"a":1}'] },
      { level: 'error', msg: 'failed', source: 'yoga', error: { message: 'failed' } },
    ]);
  });
});
