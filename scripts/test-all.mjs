// `npm test`: the whole suite. Unit + integration tests (vitest; PGlite, or the PostgreSQL server in
// TEST_DATABASE_URL), then a production build and the Playwright e2e suite in Debian's Chromium.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";
const results = [];

function step(name, cmd, args, env = process.env) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(" ")}\n`);
  const started = Date.now();
  const run = spawnSync(cmd, args, { stdio: "inherit", env });
  const seconds = (Date.now() - started) / 1000;
  const ok = run.status === 0;
  results.push({ name, status: ok ? "passed" : `FAILED (exit ${run.status ?? run.signal})`, seconds });
  return ok;
}

const db = process.env.TEST_DATABASE_URL ? "PostgreSQL server in TEST_DATABASE_URL" : "embedded PGlite";
step(`unit + integration (vitest, ${db})`, "npx", ["vitest", "run"]);

if (process.env.SKIP_E2E === "1") {
  results.push({ name: "e2e (Playwright)", status: "skipped (SKIP_E2E=1)", seconds: 0 });
} else if (!existsSync(CHROMIUM)) {
  // On a developer machine a missing browser skips e2e; in CI it is a failure.
  const status = process.env.CI && process.env.CI !== "false" ? `FAILED: ${CHROMIUM} not found` : `SKIPPED: ${CHROMIUM} not found`;
  results.push({ name: "e2e (Playwright)", status, seconds: 0 });
  console.log(`
!!! The e2e suite was SKIPPED: it runs in Debian's Chromium at ${CHROMIUM}, which is not installed.
!!! Install it (as root, or with sudo):   apt-get install -y chromium
!!! then run the e2e part alone with:   npm run test:e2e
`);
} else if (step("production build (next build)", "npx", ["next", "build"])) {
  // The build just made is what the e2e server serves; global setup need not check it again.
  step("e2e (Playwright, Chromium)", "npx", ["playwright", "test"], { ...process.env, E2E_SKIP_BUILD: "1" });
} else {
  results.push({ name: "e2e (Playwright)", status: "not run: the build failed", seconds: 0 });
}

console.log("\n=== Summary");
for (const r of results) console.log(`  ${r.name.padEnd(52)} ${r.status.padEnd(28)} ${r.seconds.toFixed(1).padStart(6)} s`);
process.exit(results.some((r) => /FAILED|not run/.test(r.status)) ? 1 : 0);
