import { describe, expect, it } from 'vitest';
import { helpText, resolveFlags } from '../../../src/local-oss/cli-flags.js';

describe('local-oss flags: apply-then-drop fault', () => {
  it('is off by default and applies to writes', () => {
    const flags = resolveFlags([], {});
    expect(flags['fault-drop-after-apply-rate']).toBe('0');
    expect(flags['fault-drop-after-apply-on']).toBe('PUT,POST,DELETE');
  });

  it('is set by flag or environment, and documented in --help', () => {
    expect(resolveFlags(['--fault-drop-after-apply-rate', '0.25'], {})['fault-drop-after-apply-rate']).toBe('0.25');
    expect(resolveFlags([], { LOCAL_OSS_FAULT_DROP_AFTER_APPLY_ON: 'CopyObject' })['fault-drop-after-apply-on']).toBe('CopyObject');
    expect(helpText()).toMatch(/--fault-drop-after-apply-rate <value>\s+Fault injection: share of requests \(0-1\) applied, then their connection closed/);
    expect(helpText()).toContain('LOCAL_OSS_FAULT_DROP_AFTER_APPLY_ON');
  });
});
