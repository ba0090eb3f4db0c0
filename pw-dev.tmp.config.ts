import base from "./playwright.config";
export default { ...base, globalSetup: undefined, use: { ...base.use, baseURL: "http://localhost:3100" } };
