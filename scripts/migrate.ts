import { openFromEnv } from "./lib";

const handle = await openFromEnv();
console.log(`Migrations applied (${handle.kind}).`);
await handle.close();
