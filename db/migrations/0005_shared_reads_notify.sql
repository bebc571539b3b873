-- Boards share engineers' names, teams, lines and skill groups between viewers for up to 10 s
-- (lib/runtime/shared-read.ts). Any write to these tables, by the app or by hand in SQL, announces
-- itself on the channel every web process follows, inside its own transaction: PostgreSQL delivers
-- it at commit (once per transaction), so a rename or a team move shows on the next page view.
CREATE FUNCTION "podium_announce_shared_write"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('podium_rollups', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "engineers_announce" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "engineers" FOR EACH STATEMENT EXECUTE FUNCTION "podium_announce_shared_write"();
--> statement-breakpoint
CREATE TRIGGER "engineer_skill_groups_announce" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "engineer_skill_groups" FOR EACH STATEMENT EXECUTE FUNCTION "podium_announce_shared_write"();
--> statement-breakpoint
CREATE TRIGGER "teams_announce" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "teams" FOR EACH STATEMENT EXECUTE FUNCTION "podium_announce_shared_write"();
--> statement-breakpoint
CREATE TRIGGER "lines_announce" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "lines" FOR EACH STATEMENT EXECUTE FUNCTION "podium_announce_shared_write"();
--> statement-breakpoint
CREATE TRIGGER "skill_groups_announce" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "skill_groups" FOR EACH STATEMENT EXECUTE FUNCTION "podium_announce_shared_write"();
