// The one way the browser tests and benches start Chromium: the Debian
// package's binary (or $CHROMIUM), headless, without sandbox, GPU or
// background requests, so every request a page makes is the page's own.
import { chromium } from "playwright-core";

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}
