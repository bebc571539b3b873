export * from "./rank";
export * from "./csat";
export * from "./privacy";
