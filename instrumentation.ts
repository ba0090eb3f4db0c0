/** Next calls this once per server process at start-up. */
export async function register(): Promise<void> {
  // Not in the edge runtime, and never while `next build` prerenders pages.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startEmailWorker } = await import("./server/email/runner");
  startEmailWorker();
}
