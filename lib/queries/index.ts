/** Read queries for the pages. Each takes (db, viewer, args) and authorizes before it reads. */
export * from "./schemas";
export * from "./leaderboard";
export * from "./team-board";
export * from "./engineer-detail";
export * from "./sync-status";
export * from "./board-options";
export * from "./crowns";
export * from "./engineer-extras";
export * from "./engineer-badges";
