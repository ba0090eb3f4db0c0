import base from "./playwright.config";
export default { ...base, globalSetup: undefined, outputDir: "/tmp/pw-quality-results", use: { ...base.use, baseURL: "http://localhost:3100" } };
