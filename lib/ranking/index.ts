export * from "./rank";
export * from "./csat";
