/** Memory, I/O and CPU of another process from `/proc/<pid>/…` (Linux). */
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
 * Resets the peak RSS (VmHWM) of `pid` to its current RSS (`5` into `/proc/<pid>/clear_refs`), so
 * the next VmHWM is the peak of what happens from now on. Throws when the kernel refuses.
 */
export async function resetPeakMemory(pid: number): Promise<void> {
  await writeFile(`/proc/${pid}/clear_refs`, '5');
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
