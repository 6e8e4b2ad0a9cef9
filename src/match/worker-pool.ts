import { Worker } from "node:worker_threads";
import type { WorkerJob, WorkerResult, WorkerSetup } from "./code-worker.ts";

/**
 * Worker threads that run jobs and hand results back in job order. Each job goes to the worker
 * with the fewest jobs in flight (a worker slowed down by the machine gets fewer), and at most
 * three jobs per worker are in flight, so memory stays bounded.
 *
 * @example
 * ```ts
 * const pool = new Pool(2, { codebook, language: "nb" });
 * try { for await (const result of pool.run(jobs)) use(result); } finally { await pool.close(); }
 * ```
 */
export class Pool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { resolve: (r: WorkerResult) => void; reject: (e: unknown) => void }>();
  private failure: unknown;
  private closing = false;
  /** Jobs in flight per worker. */
  private readonly load: number[];
  /** The next job's number (over all runs, so that a result of an abandoned run finds no job of a later one). */
  private seq = 0;

  constructor(size: number, setup: WorkerSetup) {
    // Deno type-checks this module again inside the worker, where ImportMeta is typed without `url`.
    const here = (import.meta as { url: string }).url;
    const url = new URL(here.endsWith(".ts") ? "./code-worker.ts" : "./code-worker.js", here);
    this.load = Array.from({ length: Math.max(1, size) }, () => 0);
    this.workers = Array.from({ length: Math.max(1, size) }, (_, index) => {
      const worker = new Worker(url, { workerData: setup });
      worker.on("message", (message: string | WorkerResult) => {
        this.load[index]!--;
        const result = typeof message === "string" ? (JSON.parse(message) as WorkerResult) : message;
        const waiting = this.pending.get(result.seq);
        this.pending.delete(result.seq);
        waiting?.resolve(result);
      });
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (!this.closing && this.pending.size > 0) this.fail(new Error(`Cannot code notes: a worker thread stopped (exit code ${code})`));
      });
      return worker;
    });
  }

  /**
   * Adds to every worker's setup (sent as a message, so it arrives before any later job).
   * @param extra the fields of the setup to set
   */
  configure(extra: Partial<WorkerSetup>): void {
    for (const worker of this.workers) worker.postMessage({ kind: "setup", setup: extra });
  }

  /** Runs jobs in order over the workers; yields their results in the same order. */
  async *run(jobs: AsyncIterable<Omit<WorkerJob, "seq">>): AsyncGenerator<WorkerResult> {
    const queue: Promise<WorkerResult>[] = [];
    const window = this.workers.length * 3;
    for await (const job of jobs) {
      const n = this.seq++;
      let least = 0;
      for (let w = 1; w < this.workers.length; w++) if (this.load[w]! < this.load[least]!) least = w;
      this.load[least]!++;
      const worker = this.workers[least]!;
      const result = new Promise<WorkerResult>((resolve, reject) => {
        if (this.failure !== undefined) return reject(this.failure);
        this.pending.set(n, { resolve, reject });
        const message = { ...job, seq: n } as WorkerJob;
        worker.postMessage(message, message.kind === "csv" ? [message.bytes.buffer as ArrayBuffer] : []);
      });
      // A failure rejects every waiting job at once; only the first one awaited reports it.
      result.catch(() => {});
      queue.push(result);
      if (queue.length >= window) yield await queue.shift()!;
    }
    while (queue.length > 0) yield await queue.shift()!;
  }

  private fail(error: unknown): void {
    this.failure = error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
