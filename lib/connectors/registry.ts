import { createDemoConnector } from "./demo/connector";
import type { Connector, ConnectorConfig } from "./types";

/** Connector kinds Podium can build, by `connections.kind`. Zendesk, Freshdesk and others join here. */
const FACTORIES: Record<string, (config: ConnectorConfig) => Connector> = {
  demo: createDemoConnector,
};

export const CONNECTOR_KINDS = Object.keys(FACTORIES);

export function createConnector(config: ConnectorConfig): Connector {
  const factory = Object.hasOwn(FACTORIES, config.kind) ? FACTORIES[config.kind] : undefined;
  if (!factory) {
    throw new Error(
      `Connection ${config.id} has kind "${config.kind}", which this version of Podium cannot sync ` +
        `(known kinds: ${CONNECTOR_KINDS.join(", ")}).`,
    );
  }
  return factory(config);
}
