export * from "./users";
export * from "./settings";
export * from "./auth";
export * from "./events";
export * from "./commerce";
export * from "./groups";
export * from "./tags";
export * from "./email";
