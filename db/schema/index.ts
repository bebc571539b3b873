export * from "./org";
export * from "./helpdesk";
export * from "./scoring";
export * from "./competition";
export * from "./ops";
