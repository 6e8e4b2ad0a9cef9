import type { CliIO } from "./io.ts";

/** A progress bar on stderr. */
export interface Progress {
  /** Adds `n` done items. */
  tick(n?: number): void;
  /** Clears the bar. */
  done(): void;
}

/**
 * A small progress bar on stderr, shown only when stderr is a TTY and the run has taken longer than
 * `delayMs` (default 1 s); nothing at all in pipes and CI logs. Redraws at most every 100 ms.
 *
 * @param io the CLI's IO
 * @param total the number of items
 * @param label what the items are ("notes")
 * @param options `delayMs` before the bar shows (default 1000), `now` the clock (for tests)
 * @returns the bar
 * @example
 * ```ts
 * const bar = progress(io, notes.length, "notes");
 * for (const chunk of chunks) { work(chunk); bar.tick(chunk.length); }
 * bar.done();
 * ```
 */
export function progress(io: CliIO, total: number, label: string, options: { delayMs?: number; now?: () => number } = {}): Progress {
  const now = options.now ?? (() => Date.now());
  const started = now();
  const delay = options.delayMs ?? 1000;
  const enabled = io.stderrIsTTY && total > 0 && !io.env.CI;
  let done = 0;
  let shown = false;
  let lastDraw = 0;
  const draw = () => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    const percent = Math.floor((done / total) * 100);
    io.stderr(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(percent).padStart(3)}% ${done}/${total} ${label}`);
    shown = true;
  };
  return {
    tick(n = 1) {
      done = Math.min(total, done + n);
      if (!enabled) return;
      const t = now();
      if (t - started < delay || t - lastDraw < 100) return;
      lastDraw = t;
      draw();
    },
    done() {
      if (shown) io.stderr("\r\u001b[2K");
      shown = false;
    },
  };
}
