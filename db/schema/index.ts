export * from "./users";
export * from "./settings";
export * from "./auth";
export * from "./events";
