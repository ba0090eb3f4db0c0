import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Import boundaries from ARCHITECTURE.md ("Who may import what"). Imports are matched as written,
// both through the `@/` alias and as relative paths that climb out of the folder.
const from = (dirs) => `^(?:@/|(?:\\.\\./)+)(?:${dirs})(?:/|$)`;
const DB = from("db");
const UP_LAYERS = from("app|server|components");

const restrict = (files, patterns, paths = []) => ({
  files,
  rules: { "no-restricted-imports": ["error", { paths, patterns }] },
});

const boundaries = [
  restrict(
    ["components/**"],
    [
      {
        regex: "^(?:@/|(?:\\.\\./)+)server(?:/(?!schemas(?:/|$)|api/root$)|$)",
        message: "components/ may import only server/schemas/* and `import type { AppRouter }` from server/api/root.",
      },
      {
        regex: "^(?:@/|(?:\\.\\./)+)server/api/root$",
        allowTypeImports: true,
        message: "components/ may only `import type` from server/api/root; call procedures through useTRPC().",
      },
      { regex: DB, message: "components/ may not import db/; go through a tRPC procedure." },
    ],
  ),
  restrict(
    ["server/api/routers/**"],
    [
      { regex: DB, message: "Routers call service verbs; they never touch db/ directly." },
      { group: ["drizzle-orm", "drizzle-orm/*"], message: "Routers call service verbs; queries belong in server/services." },
    ],
  ),
  restrict(
    ["server/services/**"],
    [
      { group: ["@trpc/*"], message: "Services throw typed errors (server/services/core/errors); the API layer maps them." },
      { group: ["next", "next/*"], message: "Services stay framework-free: no next/* (pass what they need in ctx/input)." },
      { regex: "^(?:@/|(?:\\.\\./)+)server/api(?:/|$)|^\\.\\./\\.\\./api(?:/|$)", message: "Services may not depend on the API layer." },
    ],
  ),
  restrict(
    ["server/schemas/**"],
    [
      {
        regex: "^(?:@/|(?:\\.\\./)+)(?:db|app|components|server(?!/schemas(?:/|$)))(?:/|$)",
        message: "server/schemas/* is shared with client forms: zod and other schemas only.",
      },
      { group: ["drizzle-orm", "drizzle-orm/*", "server-only", "next", "next/*", "@trpc/*"], message: "server/schemas/* is shared with client forms: zod and other schemas only." },
    ],
  ),
  restrict(["db/**"], [{ regex: UP_LAYERS, message: "db/ imports nothing from the app (app/, server/, components/)." }]),
];

const config = [
  {
    ignores: [
      ".next/**",
      ".data/**",
      "node_modules/**",
      "coverage/**",
      "test-results/**",
      "playwright-report/**",
      "bench-results/**",
      "tests/e2e/screenshots/**",
      "next-env.d.ts",
      "**/*.tmp.*",
      "**/.*.tmp.*",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  ...boundaries,
];

export default config;
