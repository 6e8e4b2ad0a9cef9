// Drives Deno's Jupyter kernel (`deno jupyter --kernel`) directly from Node over ZeroMQ, the way a
// Jupyter front end does (Jupyter messaging protocol 5.3: shell, iopub and control sockets, HMAC-SHA256
// signed messages), so the example notebook's cells run in the real kernel without Python or Jupyter.
// Like test/report/run-notebook.py, it keeps reading a cell's output for a grace period after the
// kernel reports it idle: Deno 2.9 can send a display output just after "idle".
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { Dealer, Subscriber } from "zeromq";

/** One output of a cell, in the notebook file's (nbformat 4) shape. */
export interface CellOutput {
  output_type: "stream" | "display_data" | "execute_result" | "error";
  name?: string;
  text?: string;
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

interface Message {
  header: { msg_id: string; msg_type: string };
  parent_header: { msg_id?: string };
  content: Record<string, unknown>;
}

const DELIMITER = "<IDS|MSG>";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A running Deno kernel and the sockets that talk to it. */
export class DenoKernel {
  private readonly session = randomUUID();
  private readonly pending: Message[] = [];
  private waiting: (() => void) | undefined;
  private closed = false;

  private constructor(
    private readonly process: ChildProcess,
    private readonly key: string,
    private readonly shell: Dealer,
    private readonly control: Dealer,
    private readonly iopub: Subscriber,
    private readonly connectionFile: string,
    private readonly stderr: string[],
  ) {
    void this.readIopub();
  }

  /**
   * Starts `deno jupyter --kernel` with a connection file under `scratch` (removed on close) and waits
   * until the kernel answers on shell and publishes on iopub.
   */
  static async start(options: { deno: string; cwd: string; scratch: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<DenoKernel> {
    const key = randomUUID();
    const [shellPort, iopubPort, stdinPort, controlPort, hbPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    mkdirSync(options.scratch, { recursive: true });
    const connectionFile = join(options.scratch, `kernel-${process.pid}-${randomUUID()}.json`);
    writeFileSync(connectionFile, JSON.stringify({
      ip: "127.0.0.1", transport: "tcp", signature_scheme: "hmac-sha256", key, kernel_name: "deno",
      shell_port: shellPort, iopub_port: iopubPort, stdin_port: stdinPort, control_port: controlPort, hb_port: hbPort,
    }));
    const child = spawn(options.deno, ["jupyter", "--kernel", "--conn", connectionFile], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, NO_COLOR: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const stderr: string[] = [];
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
    const shell = new Dealer({ linger: 0, routingId: `shell-${randomUUID()}` });
    const control = new Dealer({ linger: 0 });
    const iopub = new Subscriber({ linger: 0 });
    shell.connect(`tcp://127.0.0.1:${shellPort}`);
    control.connect(`tcp://127.0.0.1:${controlPort}`);
    iopub.connect(`tcp://127.0.0.1:${iopubPort}`);
    iopub.subscribe();
    const kernel = new DenoKernel(child, key, shell, control, iopub, connectionFile, stderr);
    try {
      await kernel.waitForReady(options.timeoutMs ?? 60_000);
    } catch (error) {
      await kernel.close();
      throw error;
    }
    return kernel;
  }

  private sign(parts: string[]): string {
    const hmac = createHmac("sha256", this.key);
    for (const part of parts) hmac.update(part);
    return hmac.digest("hex");
  }

  private async send(socket: Dealer, msgType: string, content: Record<string, unknown>): Promise<string> {
    const msgId = randomUUID();
    const header = JSON.stringify({ msg_id: msgId, username: "kodebok-test", session: this.session, date: new Date().toISOString(), msg_type: msgType, version: "5.3" });
    const parts = [header, "{}", "{}", JSON.stringify(content)];
    await socket.send([DELIMITER, this.sign(parts), ...parts]);
    return msgId;
  }

  private parse(frames: Buffer[]): Message | undefined {
    const at = frames.findIndex((f) => f.toString() === DELIMITER);
    if (at < 0) return undefined;
    const [signature, header, parent, metadata, content] = frames.slice(at + 1, at + 6).map((f) => f.toString());
    if (signature !== this.sign([header ?? "", parent ?? "", metadata ?? "", content ?? ""])) throw new Error("a kernel message with a wrong signature");
    return { header: JSON.parse(header ?? "{}"), parent_header: JSON.parse(parent ?? "{}"), content: JSON.parse(content ?? "{}") };
  }

  private async readIopub(): Promise<void> {
    try {
      for await (const frames of this.iopub) {
        const message = this.parse(frames);
        if (message) this.pending.push(message);
        this.waiting?.();
      }
    } catch {
      // socket closed
    }
  }

  /** The next iopub message, or undefined after `ms` milliseconds. */
  private async nextIopub(ms: number): Promise<Message | undefined> {
    if (this.pending.length > 0) return this.pending.shift();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiting = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.waiting = undefined;
    return this.pending.shift();
  }

  private async shellReply(ms: number): Promise<Message> {
    const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the kernel did not answer in ${ms} ms: ${this.stderr.join("")}`)), ms).unref());
    for (;;) {
      const message = this.parse(await Promise.race([this.shell.receive(), timer]));
      if (message) return message;
    }
  }

  private async waitForReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // Ask for kernel_info until the reply comes and iopub carries a message too (ZeroMQ subscriptions
    // join late: messages published before the subscription reaches the kernel are lost).
    for (;;) {
      if (this.process.exitCode !== null) throw new Error(`deno jupyter --kernel exited with ${this.process.exitCode}: ${this.stderr.join("")}`);
      if (Date.now() > deadline) throw new Error(`the Deno kernel was not ready in ${timeoutMs} ms: ${this.stderr.join("")}`);
      await this.send(this.shell, "kernel_info_request", {});
      await this.shellReply(Math.max(1, deadline - Date.now()));
      const message = await this.nextIopub(500);
      if (message) {
        this.pending.length = 0;
        return;
      }
    }
  }

  /**
   * Runs one cell and returns its outputs, reading on for `graceMs` after the kernel reports idle.
   */
  async execute(code: string, options: { timeoutMs?: number; graceMs?: number } = {}): Promise<CellOutput[]> {
    const timeoutMs = options.timeoutMs ?? 120_000;
    const graceMs = options.graceMs ?? 500;
    const msgId = await this.send(this.shell, "execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    const outputs: CellOutput[] = [];
    const deadline = Date.now() + timeoutMs;
    let idleAt: number | undefined;
    for (;;) {
      const now = Date.now();
      if (idleAt !== undefined && now - idleAt > graceMs) break;
      if (now > deadline) {
        outputs.push({ output_type: "error", ename: "Timeout", evalue: `the cell did not finish in ${timeoutMs} ms`, traceback: [] });
        return outputs;
      }
      const message = await this.nextIopub(50);
      if (!message || message.parent_header.msg_id !== msgId) continue;
      const c = message.content;
      switch (message.header.msg_type) {
        case "status":
          if (c.execution_state === "idle") idleAt = Date.now();
          break;
        case "stream":
          outputs.push({ output_type: "stream", name: String(c.name), text: String(c.text) });
          break;
        case "display_data":
        case "update_display_data":
          outputs.push({ output_type: "display_data", data: c.data as Record<string, unknown>, metadata: (c.metadata ?? {}) as Record<string, unknown> });
          break;
        case "execute_result":
          outputs.push({ output_type: "execute_result", execution_count: c.execution_count as number, data: c.data as Record<string, unknown>, metadata: (c.metadata ?? {}) as Record<string, unknown> });
          break;
        case "error":
          outputs.push({ output_type: "error", ename: String(c.ename), evalue: String(c.evalue), traceback: (c.traceback ?? []) as string[] });
          break;
      }
    }
    const reply = await this.shellReply(Math.max(1, deadline - Date.now()));
    if (reply.content.status === "error" && !outputs.some((o) => o.output_type === "error")) {
      outputs.push({ output_type: "error", ename: String(reply.content.ename), evalue: String(reply.content.evalue), traceback: [] });
    }
    return outputs;
  }

  /** Asks the kernel to shut down, stops it if it does not, closes the sockets, removes the connection file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.process.exitCode === null) {
      const exited = new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
      await this.send(this.control, "shutdown_request", { restart: false }).catch(() => undefined);
      const timer = setTimeout(() => this.process.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
    for (const socket of [this.shell, this.control, this.iopub]) socket.close();
    rmSync(this.connectionFile, { force: true });
  }
}
