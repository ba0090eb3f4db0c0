import { UAParser } from "ua-parser-js";

export interface DeviceLabel {
  browser: string | null;
  os: string | null;
}

const OS_NAMES: Record<string, string> = { "Mac OS": "macOS", "Chromium OS": "ChromeOS" };

/**
 * Browser and OS as people name them ("Chrome 124", "Windows 10", "iOS 17.4"), from a maintained
 * parser: user-agent formats change with every browser release and are not worth hand-rolling.
 */
export function parseUserAgent(userAgent: string | null | undefined): DeviceLabel {
  if (!userAgent) return { browser: null, os: null };
  const { browser, os } = new UAParser(userAgent.slice(0, 1000)).getResult();
  const browserLabel = browser.name ? [browser.name, browser.major].filter(Boolean).join(" ") : null;
  let osLabel: string | null = null;
  if (os.name) {
    const name = OS_NAMES[os.name] ?? os.name;
    // macOS has reported 10.15.7 since 2020 whatever the real version is: saying it would mislead.
    const version = name === "macOS" ? undefined : os.version?.split(".").slice(0, 2).join(".");
    osLabel = [name, version].filter(Boolean).join(" ");
  }
  return { browser: browserLabel, os: osLabel };
}
