import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase } from "../../db/client";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplateDb: string;
  }
}

/** Migrates once per run: a PGlite dump, or a template database on the server. */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const name = `um_tmpl_${process.pid}_${Date.now()}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const handle = await openDatabase({ url: target.toString(), maxConnections: 1 });
    await migrateDatabase(handle);
    await handle.close();
    project.provide("pgTemplateDb", name);
    project.provide("pgliteTemplate", "");
    return async () => {
      const leftovers = await admin<{ datname: string }[]>`
        SELECT datname FROM pg_database WHERE datname LIKE ${`um_t_${process.pid}_%`} OR datname = ${name}`;
      for (const { datname } of leftovers) await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const handle = await openDatabase({});
  await migrateDatabase(handle);
  const { PGlite } = await import("@electric-sql/pglite");
  void PGlite;
  const client = (handle.db as unknown as { $client: { dumpDataDir(c: "gzip" | "none"): Promise<Blob> } }).$client;
  const blob = await client.dumpDataDir("none");
  await handle.close();
  const dir = mkdtempSync(path.join(tmpdir(), "um-pglite-"));
  const file = path.join(dir, "template.tar");
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  project.provide("pgTemplateDb", "");
  return () => rmSync(dir, { recursive: true, force: true });
}
