/**
 * The printer's kept browser: one launch for many reports, a new one after a crash or after it
 * sat idle, none left behind. The browser's processes are found as children of this process, so
 * "none left" is what the system says, not what the module believes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeChromium, keptChromium, printWithChromium, setChromiumIdleMs, CHROMIUM_IDLE_MS } from '../../../electron/report/chromium';

/** PIDs of the Chromium processes this process started (its direct children). */
function chromiumChildren(): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), 'chrom'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return cond();
}

afterAll(async () => {
  setChromiumIdleMs(CHROMIUM_IDLE_MS);
  await closeChromium();
});

describe('the kept browser', () => {
  it('launches once for several reports, concurrent ones included', async () => {
    const before = keptChromium().launches;
    expect(isPdf(await printWithChromium('<p>one</p>'))).toBe(true);
    const [a, b] = await Promise.all([printWithChromium('<p>two</p>'), printWithChromium('<p>三</p>')]);
    expect(isPdf(a) && isPdf(b)).toBe(true);
    expect(keptChromium().launches - before).toBe(1);
    expect(chromiumChildren()).toHaveLength(1);
  }, 60_000);

  it('relaunches after the browser crashed', async () => {
    await printWithChromium('<p>warm</p>');
    const before = keptChromium().launches;
    const [pid] = chromiumChildren();
    process.kill(pid!, 'SIGKILL');
    expect(await until(() => !keptChromium().open, 10_000)).toBe(true);
    expect(isPdf(await printWithChromium('<p>after the crash</p>'))).toBe(true);
    expect(keptChromium().launches - before).toBe(1);
  }, 60_000);

  it('closes after the idle time and when asked, leaving no process', async () => {
    setChromiumIdleMs(300);
    await printWithChromium('<p>then idle</p>');
    expect(keptChromium().open).toBe(true);
    expect(await until(() => !keptChromium().open && chromiumChildren().length === 0, 10_000)).toBe(true);
    await printWithChromium('<p>again</p>');
    expect(chromiumChildren()).toHaveLength(1);
    await closeChromium();
    expect(await until(() => chromiumChildren().length === 0, 10_000)).toBe(true);
  }, 60_000);
});
