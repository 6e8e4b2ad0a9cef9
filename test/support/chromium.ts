// The headless Chromium the browser tests drive with playwright-core, found without downloading
// anything: $CHROMIUM_PATH, else the system's Chromium or Chrome, else the Chromium that ships inside
// the npm package @sparticuz/chromium (Linux x64 and arm64: chrome-headless-shell, brotli-compressed
// in the package). That one is unpacked once into node_modules/.cache/kodebok-chromium/<version>/
// (never into the temp folder) with a fontconfig file of its own for the fonts it ships.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** A Chromium to launch: its path, where it came from, and the environment it needs. */
export interface ChromiumChoice {
  executablePath: string;
  source: "CHROMIUM_PATH" | "system" | "npm";
  env: Record<string, string>;
}

function onPath(name: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The system's Chromium or Chrome ($CHROMIUM_PATH first), if any. */
export function systemChromium(): ChromiumChoice | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return { executablePath: fromEnv, source: "CHROMIUM_PATH", env: {} };
  for (const name of ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"]) {
    const path = onPath(name);
    if (path) return { executablePath: path, source: "system", env: {} };
  }
  const mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
  return existsSync(mac) ? { executablePath: mac, source: "system", env: {} } : undefined;
}

/**
 * The Chromium of the npm package @sparticuz/chromium, unpacked into node_modules/.cache on first use;
 * undefined where the package has no build (anything but Linux x64/arm64) or is not installed.
 */
export function npmChromium(): ChromiumChoice | undefined {
  if (process.platform !== "linux" || !["x64", "arm64"].includes(process.arch)) return undefined;
  let version: string;
  try {
    version = (JSON.parse(readFileSync(join(root, "node_modules/@sparticuz/chromium/package.json"), "utf8")) as { version: string }).version;
  } catch {
    return undefined;
  }
  const dir = join(root, "node_modules/.cache/kodebok-chromium", `${version}-${process.arch}`);
  const executablePath = join(dir, "chromium");
  if (!existsSync(executablePath)) {
    // The package unpacks into os.tmpdir(): point that at a folder of our own, then move it in place
    // whole (a half-unpacked browser is never found).
    const partial = `${dir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    execFileSync(process.execPath, ["--input-type=module", "-e", "const { default: c } = await import('@sparticuz/chromium'); await c.executablePath();"], {
      cwd: root,
      env: { ...process.env, TMPDIR: partial, TMP: partial, TEMP: partial },
      stdio: ["ignore", "ignore", "inherit"],
    });
    writeFileSync(
      join(partial, "fonts.conf"),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(dir, "fonts", "fonts")}</dir>\n  <dir>/usr/share/fonts</dir>\n  <cachedir>${join(dir, "fonts-cache")}</cachedir>\n</fontconfig>\n`,
    );
    try {
      renameSync(partial, dir);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another process unpacked it first
    }
  }
  return existsSync(executablePath) ? { executablePath, source: "npm", env: { FONTCONFIG_FILE: join(dir, "fonts.conf") } } : undefined;
}

/** The Chromium the browser tests use: the system's when there is one, else the npm one. */
export function findChromium(): ChromiumChoice | undefined {
  return systemChromium() ?? npmChromium();
}

/** What the browser tests record when no Chromium can run here (see scripts/skipped-checks.mjs). */
export const NO_CHROMIUM = {
  reason: `no Chromium found (the npm package @sparticuz/chromium runs on Linux x64 and arm64 only; this is ${process.platform} ${process.arch})`,
  env: "CHROMIUM_PATH=/path/to/chrome",
};

/** Launches a Chromium headless and offline, as the probe of this machine does. */
export async function launchChromium(choice: ChromiumChoice): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: choice.executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    env: { ...process.env, ...choice.env } as Record<string, string>,
  });
}
