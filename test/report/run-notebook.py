#!/usr/bin/env python3
"""Execute a Jupyter notebook cell by cell on a kernel with jupyter_client, and write it back with outputs.

Used by test/report/notebook.test.ts instead of `jupyter nbconvert --execute`: the Deno kernel (2.9)
can report a cell idle before it sends the cell's display output, and nbconvert then drops that output
now and then (see ../shared/toolchain.md). This runner keeps reading a cell's output for a grace period
after the kernel reports it idle.

usage: run-notebook.py NOTEBOOK OUTPUT [--kernel deno] [--timeout 120] [--grace 1.5] [--cwd DIR]
Exit status 0 when every cell ran without an error output, 1 otherwise, 2 on a kernel problem.
"""
import argparse
import json
import os
import queue
import sys
import time

from jupyter_client.manager import KernelManager


def source_of(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def run(args):
    with open(args.notebook, encoding="utf-8") as f:
        nb = json.load(f)
    env = dict(os.environ, NO_COLOR="1")
    km = KernelManager(kernel_name=args.kernel)
    km.start_kernel(cwd=args.cwd or os.path.dirname(os.path.abspath(args.notebook)), env=env)
    kc = km.client()
    kc.start_channels()
    failed = False
    try:
        kc.wait_for_ready(timeout=args.timeout)
        count = 0
        for cell in nb.get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            code = source_of(cell)
            outputs = []
            msg_id = kc.execute(code, store_history=True)
            deadline = time.monotonic() + args.timeout
            idle_at = None
            while True:
                now = time.monotonic()
                if idle_at is not None and now - idle_at > args.grace:
                    break
                if now > deadline:
                    outputs.append({"output_type": "error", "ename": "Timeout", "evalue": f"cell did not finish in {args.timeout}s", "traceback": []})
                    failed = True
                    break
                try:
                    msg = kc.get_iopub_msg(timeout=0.1)
                except queue.Empty:
                    continue
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["msg_type"]
                content = msg["content"]
                if kind == "status" and content.get("execution_state") == "idle":
                    idle_at = time.monotonic()
                elif kind == "stream":
                    outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
                elif kind in ("display_data", "update_display_data"):
                    outputs.append({"output_type": "display_data", "data": content.get("data", {}), "metadata": content.get("metadata", {})})
                elif kind == "execute_result":
                    outputs.append({
                        "output_type": "execute_result",
                        "execution_count": content.get("execution_count"),
                        "data": content.get("data", {}),
                        "metadata": content.get("metadata", {}),
                    })
                elif kind == "error":
                    outputs.append({"output_type": "error", "ename": content.get("ename", ""), "evalue": content.get("evalue", ""), "traceback": content.get("traceback", [])})
                    failed = True
            reply = kc.get_shell_msg(timeout=args.timeout)
            if reply["content"].get("status") == "error" and not any(o["output_type"] == "error" for o in outputs):
                c = reply["content"]
                outputs.append({"output_type": "error", "ename": c.get("ename", ""), "evalue": c.get("evalue", ""), "traceback": c.get("traceback", [])})
                failed = True
            count += 1
            cell["execution_count"] = count
            cell["outputs"] = outputs
            if failed:
                break
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(nb, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("output")
    parser.add_argument("--kernel", default="deno")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--grace", type=float, default=1.5)
    parser.add_argument("--cwd")
    args = parser.parse_args()
    try:
        sys.exit(run(args))
    except Exception as error:  # kernel missing, kernel died, ...
        print(f"run-notebook.py: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
