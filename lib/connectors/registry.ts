import { createDemoConnector } from "./demo/connector";
import { createImportConnector } from "./import/connector";
import { createRtConnector } from "./rt/connector";
import type { Connector, ConnectorConfig } from "./types";
import { createZendeskConnector } from "./zendesk/connector";
import { createFreshdeskConnector } from "./freshdesk/connector";
import { GlpiCredentialsSchema, GlpiSettingsSchema, createGlpiConnector } from "./glpi/connector";
import { JiraCredentialsSchema, JiraSettingsSchema, createJiraConnector } from "./jira/connector";
import { OtrsCredentialsSchema, OtrsSettingsSchema, createOtrsConnector } from "./otrs/connector";
import { ZammadCredentialsSchema, ZammadSettingsSchema, createZammadConnector } from "./zammad/connector";

/** Connector kinds Podium can build, by `connections.kind`. Zendesk, Freshdesk and others join here. */
const FACTORIES: Record<string, (config: ConnectorConfig) => Connector> = {
  demo: createDemoConnector,
  import: createImportConnector,
  rt: createRtConnector,
  zendesk: (c) => createZendeskConnector(c),
  freshdesk: (c) => createFreshdeskConnector(c),
  zammad: (c) => createZammadConnector(c),
  glpi: (c) => createGlpiConnector(c),
  otrs: (c) => createOtrsConnector(c),
  jira: (c) => createJiraConnector(c),
};

/**
 * Settings and credentials schemas by kind, for the connection form (issue 4 wires the admin UI):
 * settings are stored as JSON, credentials encrypted. Kinds built elsewhere add theirs here.
 */
export const CONNECTOR_SCHEMAS = {
  zammad: { label: "Zammad", settings: ZammadSettingsSchema, credentials: ZammadCredentialsSchema },
  glpi: { label: "GLPI", settings: GlpiSettingsSchema, credentials: GlpiCredentialsSchema },
  otrs: { label: "OTRS / Znuny (GenericInterface)", settings: OtrsSettingsSchema, credentials: OtrsCredentialsSchema },
  jira: { label: "Jira Service Management", settings: JiraSettingsSchema, credentials: JiraCredentialsSchema },
} as const;

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
