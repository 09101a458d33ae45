/**
 * CPU time of the browser's renderer processes (the page, the inference workers and onnxruntime's WASM
 * threads all live there), read from /proc in nanoseconds. On a shared 2-core machine, wall-clock time
 * mostly measures who else is running; the CPU time a run costs does not depend on that, so the ratios
 * of CPU time are the steadier comparison between variants with the same thread count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';

/** Process ids of the browser's renderers (Chrome DevTools Protocol: SystemInfo.getProcessInfo). */
export async function rendererPids(browser: Browser): Promise<number[]> {
  const cdp = await browser.newBrowserCDPSession();
  const info = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[];
  };
  await cdp.detach();
  return info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
}

/** Nanoseconds the processes' threads have run so far (sum of /proc/PID/task/TID/schedstat), or null off Linux. */
export function cpuNs(pids: number[]): number | null {
  let total = 0;
  try {
    for (const pid of pids) {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        try {
          total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
        } catch {
          // a thread that ended between the listing and the read
        }
      }
    }
  } catch {
    return null;
  }
  return total;
}
