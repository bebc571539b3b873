/** Every action definition, imported here so tests can walk `actionRegistry` over all of them. */
export { syncNowDefinition } from "./sync-definitions";
export { actionRegistry } from "./define";
