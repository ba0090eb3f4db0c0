import base from "./playwright.config";
export default { ...base, globalSetup: undefined, testDir: "tests/e2e", use: { ...base.use, baseURL: "http://localhost:3100" } };
