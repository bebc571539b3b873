import { validateRecord, type ImportStream } from "@/lib/import/columns";
import type { Connector, ConnectorConfig } from "../types";

/**
 * A connection fed from outside: file uploads and the push API (lib/import). There is nothing to
 * pull, so the scheduled sync finds empty streams; the normalisers are the import's own columns.
 */
export function createImportConnector(_config: ConnectorConfig): Connector {
  const normalize = (stream: ImportStream, raw: unknown) => {
    const v = validateRecord(stream, raw);
    if (!v.ok) throw new Error(v.reason);
    return v.record.value;
  };
  const empty = async (cursor: string | null) => ({ records: [], nextCursor: cursor ?? "", hasMore: false });
  return {
    kind: "import",
    fetchDirectory: async () => ({ agents: [], groups: [] }),
    fetchTickets: empty,
    fetchRatings: empty,
    normalizeAgent: () => {
      throw new Error("An import connection has no agent directory.");
    },
    normalizeGroup: () => {
      throw new Error("An import connection has no group directory.");
    },
    normalizeTicket: (raw) => normalize("tickets", raw) as ReturnType<Connector["normalizeTicket"]>,
    normalizeRating: (raw) => normalize("ratings", raw) as ReturnType<Connector["normalizeRating"]>,
    externalIdOf: (raw) => (typeof raw === "object" && raw !== null && "external_id" in raw ? String((raw as { external_id: unknown }).external_id) : null),
  };
}
