/** The machine a run happened on, as RESULTS.md records it. */
import os from 'node:os';

/** CPU model and count, memory, OS, Node version and the run's date. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly totalMemGiB: number;
  readonly os: string;
  readonly node: string;
  readonly date: string;
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  readonly loadAverage: number;
}

/** Reads {@link MachineInfo} from `node:os` and `process`; `now` is the run's start. */
export function describeMachine(now: Date): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: now.toISOString(),
    loadAverage: os.loadavg()[0] ?? Number.NaN,
  };
}

/** One line: `2 × Intel(...) · 23.5 GiB · Linux 6.1 x64 · Node v20.20.2 · 2026-…Z · load 0.12`. */
export function formatMachine(m: MachineInfo): string {
  return `${m.cpuCount} × ${m.cpuModel} · ${m.totalMemGiB.toFixed(1)} GiB RAM · ${m.os} · Node ${m.node} · ${m.date} · load average at start ${m.loadAverage.toFixed(2)}`;
}
