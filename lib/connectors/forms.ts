/**
 * The connection form of each helpdesk kind of this folder, as data: which fields the admin fills
 * in, in which order, with plain-words help. Settings go to `connections.settings` (JSON),
 * credentials are encrypted (`secret: true` fields are never sent back to the browser).
 * The admin UI (issue 4) renders these; the zod schemas in CONNECTOR_SCHEMAS validate the result.
 */

export type FormField = {
  name: string;
  label: string;
  type: "text" | "url" | "number" | "date" | "select" | "list";
  /** Stored encrypted, never shown again. */
  secret?: boolean;
  required?: boolean;
  options?: string[];
  help?: string;
};
export type ConnectionForm = { settings: FormField[]; credentials: FormField[] };

const common = (urlHelp: string): FormField[] => [
  { name: "baseUrl", label: "Address", type: "url", required: true, help: urlHelp },
  { name: "backfillFrom", label: "Import changes since", type: "date", help: "The first sync reads tickets changed since this day (default: 90 days ago)." },
  { name: "pageSize", label: "Records per request", type: "number", help: "1–100 (default 50)." },
  { name: "overlapSeconds", label: "Re-read overlap (seconds)", type: "number", help: "Each run re-reads this much before the last change it saw, for late changes (default 300)." },
];
const zone = (help: string): FormField => ({ name: "timeZone", label: "Time zone", type: "text", help });
const csatScale: FormField = { name: "csatScale", label: "Answer scale", type: "select", options: ["one_to_five", "zero_to_max"], help: "1–5, or 0 to the maximum below." };
const csatMax: FormField = { name: "csatMax", label: "Highest answer", type: "number", help: "Only for the 0…max scale." };

export const CONNECTION_FORMS: Record<"zammad" | "glpi" | "otrs" | "jira", ConnectionForm> = {
  zammad: {
    settings: [
      ...common("Your Zammad, e.g. https://support.example.com"),
      { name: "csatAttribute", label: "CSAT ticket attribute", type: "text", help: "Name of the custom ticket attribute holding the survey answer (Zammad has none built in). Empty: no ratings." },
      csatScale,
      csatMax,
      { name: "agentRoleIds", label: "Agent role ids", type: "list", help: "Users with these roles are agents (default 2, Zammad's Agent role)." },
    ],
    credentials: [{ name: "token", label: "Access token", type: "text", secret: true, required: true, help: "Profile > Token Access, with ticket.agent permission." }],
  },
  glpi: {
    settings: [
      ...common("Where GLPI lives, without /apirest.php, e.g. https://glpi.example.com or https://example.com/glpi"),
      zone("GLPI's server time zone, e.g. Europe/Paris (its dates carry no offset)."),
      { name: "satisfactionMax", label: "Highest satisfaction answer", type: "number", help: "5 unless your GLPI uses another maximum." },
    ],
    credentials: [
      { name: "appToken", label: "App-Token", type: "text", secret: true, required: true, help: "Setup > General > API > the API client's application token." },
      { name: "userToken", label: "User API token", type: "text", secret: true, required: true, help: "The API user's preferences > Remote access keys > API token." },
    ],
  },
  otrs: {
    settings: [
      ...common("The REST web service, e.g. https://otrs.example.com/otrs/nph-genericinterface.pl/Webservice/Podium"),
      zone("The OTRS/Znuny system time zone (OTRSTimeZone), e.g. Europe/Berlin."),
      { name: "authMode", label: "Sign-in", type: "select", options: ["session", "login"], help: "session: SessionCreate once per run (recommended); login: login and password on every request." },
      { name: "sessionRoute", label: "SessionCreate route", type: "text", help: "Default /Session." },
      { name: "searchRoute", label: "TicketSearch route", type: "text", help: "Default /Ticket." },
      { name: "getRoute", label: "TicketGet route", type: "text", help: "Default /Ticket/:TicketID." },
      { name: "historyRoute", label: "TicketHistoryGet route", type: "text", help: "Default /TicketHistory/:TicketID; empty if the web service does not offer TicketHistoryGet (then no reopens)." },
      { name: "csatDynamicField", label: "CSAT dynamic field", type: "text", help: "Name of the ticket dynamic field holding the survey answer. Empty: no ratings." },
      csatScale,
      csatMax,
    ],
    credentials: [
      { name: "userLogin", label: "Agent login", type: "text", required: true },
      { name: "password", label: "Password", type: "text", secret: true, required: true },
    ],
  },
  jira: {
    settings: [
      ...common("Your site, e.g. https://your-domain.atlassian.net"),
      zone("The API user's time zone in Jira (profile settings): JQL dates are read in it."),
      { name: "jqlFilter", label: "Extra JQL", type: "text", help: "ANDed to the search, e.g. project in (SUP, IT)." },
    ],
    credentials: [
      { name: "email", label: "Account email", type: "text", required: true },
      { name: "apiToken", label: "API token", type: "text", secret: true, required: true, help: "id.atlassian.com > Security > API tokens." },
    ],
  },
};
