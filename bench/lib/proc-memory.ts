/** Memory of another process from `/proc/<pid>/status` (Linux): current and peak resident set. */
import { readFile, writeFile } from 'node:fs/promises';

/** Resident set now and its high-water mark, in MiB. */
export interface ProcMemory {
  readonly rssMiB: number;
  readonly hwmMiB: number;
}

function field(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  if (match?.[1] === undefined) throw new Error(`/proc status has no ${name}`);
  return Number(match[1]) / 1024;
}

/** Reads VmRSS and VmHWM of `pid`. Throws when the process is gone. */
export async function readProcMemory(pid: number): Promise<ProcMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return { rssMiB: field(status, 'VmRSS'), hwmMiB: field(status, 'VmHWM') };
}

/**
 * Resets the peak RSS of `pid` to its current RSS (`echo 5 > /proc/<pid>/clear_refs`), so the next
 * VmHWM reading is the peak of what happens from now on. Returns false when the kernel refuses.
 */
export async function resetPeakMemory(pid: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Measures the peak RSS of `pid` while `during` runs: resets the high-water mark, and also polls
 * VmRSS every `intervalMs` as a fallback when the reset is not permitted. Returns the peak in MiB
 * with `during`'s result.
 */
export async function peakMemoryDuring<T>(
  pid: number,
  during: () => Promise<T>,
  intervalMs = 10,
): Promise<{ value: T; peakMiB: number }> {
  const resetOk = await resetPeakMemory(pid);
  let polled = (await readProcMemory(pid)).rssMiB;
  const timer = setInterval(() => {
    readProcMemory(pid).then(
      (m) => {
        polled = Math.max(polled, m.rssMiB);
      },
      () => undefined,
    );
  }, intervalMs);
  try {
    const value = await during();
    const final = await readProcMemory(pid);
    const peakMiB = resetOk ? Math.max(final.hwmMiB, polled) : Math.max(polled, final.rssMiB);
    return { value, peakMiB };
  } finally {
    clearInterval(timer);
  }
}

/** Bytes `pid` has read and written through any file descriptor (sockets included), from `/proc/<pid>/io`. */
export async function readProcIo(pid: number): Promise<{ readBytes: number; writtenBytes: number }> {
  const io = await readFile(`/proc/${pid}/io`, 'utf8');
  const get = (name: string): number => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(io)?.[1] ?? Number.NaN);
  return { readBytes: get('rchar'), writtenBytes: get('wchar') };
}

/** CPU time `pid` has used (user + system), in milliseconds, from `/proc/<pid>/stat` (100 Hz ticks). */
export async function readProcCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
