// Timing, statistics and reporting shared by the benchmark scripts.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Stats {
  runs: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile over sorted samples. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  return { runs: s.length, p50: percentile(s, 50), p95: percentile(s, 95), min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN };
}

/** A question may report its own duration (e.g. time to the last byte of a stream that never closes). */
export interface Measured {
  elapsedMs: number;
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  const out = await fn();
  if (out && typeof out === "object" && typeof (out as Measured).elapsedMs === "number") return (out as Measured).elapsedMs;
  return performance.now() - t;
}

/**
 * Reads a byte stream to its end. If no byte arrives for `idleMs` the stream is declared stalled
 * (a download that never finishes) instead of hanging the benchmark.
 */
export async function drainStream(
  stream: ReadableStream<Uint8Array>,
  idleMs = 5_000,
): Promise<{ bytes: number; lastByteMs: number; stalled: boolean }> {
  const started = performance.now();
  const reader = stream.getReader();
  let bytes = 0;
  let lastByteMs = 0;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<"idle">((resolve) => {
      timer = setTimeout(() => resolve("idle"), idleMs);
    });
    const next = await Promise.race([reader.read(), idle]);
    clearTimeout(timer);
    if (next === "idle") {
      void reader.cancel().catch(() => undefined);
      return { bytes, lastByteMs, stalled: true };
    }
    if (next.done) return { bytes, lastByteMs: performance.now() - started, stalled: false };
    bytes += next.value.byteLength;
    lastByteMs = performance.now() - started;
  }
}

/** A target from the issue: the statistic of the procedure that must stay under `ms`. */
export interface Target {
  ms: number;
  stat: "p50" | "p95";
  label: string;
}

export interface Case {
  id: string;
  label: string;
  /** Through createCaller (the real procedure, auth middleware and output validation included). */
  proc: () => Promise<unknown>;
  /** The hand-written SQL answering the same question, on the same driver. */
  sql?: () => Promise<unknown>;
  /** The same question through `next start` over HTTP (only with --http). */
  http?: () => Promise<unknown>;
  target?: Target;
  runs?: number;
  warmup?: number;
  /** Measured once after the timed runs, e.g. peak RSS of an export. */
  extra?: () => Promise<Record<string, number | string>>;
  note?: string;
}

export interface Result {
  id: string;
  label: string;
  proc: Stats;
  sql: Stats | null;
  http: Stats | null;
  /** procedure p50 / bare SQL p50 */
  ratio: number | null;
  /** p50 within 1.5 × bare SQL + 2 ms */
  withinBudget: boolean | null;
  target: Target | null;
  targetMet: boolean | null;
  extra: Record<string, number | string>;
  note: string | null;
  error: string | null;
}

export interface RunOptions {
  quick: boolean;
  runs: number;
  warmup: number;
  http: boolean;
}

/**
 * Runs warm-ups, then alternates procedure / SQL / HTTP each round, so a burst of load from
 * elsewhere on the machine hits all of them alike instead of skewing one.
 */
export async function runCase(c: Case, opts: RunOptions): Promise<Result> {
  const runs = opts.quick ? Math.min(2, c.runs ?? opts.runs) : (c.runs ?? opts.runs);
  const warmup = opts.quick ? 1 : (c.warmup ?? opts.warmup);
  const p: number[] = [];
  const s: number[] = [];
  const h: number[] = [];
  const useHttp = opts.http && c.http;
  let error: string | null = null;
  try {
    for (let i = 0; i < warmup; i++) {
      await c.proc();
      if (c.sql) await c.sql();
      if (useHttp) await c.http!();
    }
    for (let i = 0; i < runs; i++) {
      p.push(await timed(c.proc));
      if (c.sql) s.push(await timed(c.sql));
      if (useHttp) h.push(await timed(c.http!));
    }
  } catch (err) {
    error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }
  let extra: Record<string, number | string> = {};
  if (!error && c.extra) {
    try {
      extra = await c.extra();
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
  }
  const proc = stats(p);
  const sql = s.length ? stats(s) : null;
  const ratio = sql && sql.p50 > 0 ? proc.p50 / sql.p50 : null;
  const withinBudget = sql ? proc.p50 <= 1.5 * sql.p50 + 2 : null;
  const targetMet = c.target && p.length ? proc[c.target.stat] < c.target.ms : null;
  return {
    id: c.id,
    label: c.label,
    proc,
    sql,
    http: h.length ? stats(h) : null,
    ratio,
    withinBudget,
    target: c.target ?? null,
    targetMet,
    extra,
    note: c.note ?? null,
    error,
  };
}

const f = (n: number | undefined | null) => (n === undefined || n === null || Number.isNaN(n) ? "—" : n < 10 ? n.toFixed(2) : n < 1000 ? n.toFixed(1) : n.toFixed(0));

export function tableRows(results: Result[]): string[][] {
  return results.map((r) => [
    r.label,
    f(r.proc.p50),
    f(r.proc.p95),
    f(r.sql?.p50),
    f(r.sql?.p95),
    r.ratio === null ? "—" : `${r.ratio.toFixed(2)}×`,
    r.withinBudget === null ? "—" : r.withinBudget ? "yes" : "NO",
    r.http ? `${f(r.http.p50)} / ${f(r.http.p95)}` : "—",
    r.target ? `${r.target.stat} < ${r.target.ms} ms: ${r.targetMet ? "met" : "MISSED"}` : "—",
    [r.error ? `ERROR ${r.error}` : "", ...Object.entries(r.extra).map(([k, v]) => `${k} ${v}`)].filter(Boolean).join("; "),
  ]);
}

export const HEADERS = ["question", "proc p50", "proc p95", "SQL p50", "SQL p95", "ratio", "≤1.5×SQL+2ms", "HTTP p50/p95", "target", "notes"];

export function consoleTable(results: Result[]): string {
  const rows = [HEADERS, ...tableRows(results)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((c, i) => (i === 0 || i >= 8 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ")).join("\n");
}

export function markdownTable(results: Result[]): string {
  const rows = tableRows(results);
  return [`| ${HEADERS.join(" | ")} |`, `|${HEADERS.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export function machine() {
  const [l1, l5, l15] = os.loadavg();
  return {
    host: os.hostname(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadavg: [l1, l5, l15].map((v) => Math.round((v ?? 0) * 100) / 100),
  };
}

export function writeJson(name: string, data: unknown): string {
  const dir = path.join(process.cwd(), "bench-results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1] && !process.argv[i + 1]!.startsWith("--")) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

export function hasFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/** Samples this process's RSS while `fn` runs: the peak shows whether a stream stays flat. */
export async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; baseMiB: number; peakMiB: number }> {
  global.gc?.();
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, baseMiB: base / 2 ** 20, peakMiB: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}
