CREATE TYPE "public"."role" AS ENUM('engineer', 'lead', 'director', 'admin');--> statement-breakpoint
CREATE TYPE "public"."rating_scale" AS ENUM('good_bad', 'one_to_five', 'freshdesk_103', 'zero_to_max', 'three_level');--> statement-breakpoint
CREATE TYPE "public"."ticket_status" AS ENUM('new', 'open', 'pending', 'solved', 'closed', 'deleted');--> statement-breakpoint
CREATE TYPE "public"."dispute_status" AS ENUM('open', 'accepted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."ledger_state" AS ENUM('pending', 'confirmed', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."challenge_scope" AS ENUM('team', 'engineer');--> statement-breakpoint
CREATE TYPE "public"."challenge_status" AS ENUM('draft', 'active', 'achieved', 'missed', 'archived');--> statement-breakpoint
CREATE TYPE "public"."crown_board" AS ENUM('engineer_points', 'team_csat', 'team_points');--> statement-breakpoint
CREATE TYPE "public"."period_kind" AS ENUM('day', 'week', 'month', 'quarter', 'year');--> statement-breakpoint
CREATE TYPE "public"."sync_run_status" AS ENUM('running', 'succeeded', 'partial', 'failed');--> statement-breakpoint
CREATE TABLE "engineer_skill_groups" (
	"engineer_id" integer NOT NULL,
	"skill_group_id" integer NOT NULL,
	CONSTRAINT "engineer_skill_groups_engineer_id_skill_group_id_pk" PRIMARY KEY("engineer_id","skill_group_id")
);
--> statement-breakpoint
CREATE TABLE "engineers" (
	"id" serial PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"team_id" integer,
	"line_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "lines_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "skill_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "skill_groups_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"handicap_csat" numeric(6, 3) DEFAULT 0 NOT NULL,
	"handicap_points_factor" numeric(6, 3) DEFAULT 1 NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teams_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" DEFAULT 'engineer' NOT NULL,
	"engineer_id" integer,
	"team_id" integer,
	"locale" text DEFAULT 'en' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"credentials_encrypted" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engineer_identities" (
	"id" serial PRIMARY KEY NOT NULL,
	"connection_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"engineer_id" integer,
	"is_agent" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "helpdesk_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"connection_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"skill_group_id" integer,
	"line_id" integer,
	"team_id" integer
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"connection_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"ticket_external_id" text NOT NULL,
	"ticket_id" bigint,
	"rated_identity_id" integer,
	"scale" "rating_scale" NOT NULL,
	"raw_value" text NOT NULL,
	"score" numeric(4, 2) NOT NULL,
	"comment" text,
	"rated_at" timestamp with time zone NOT NULL,
	"updated_at_source" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_contributors" (
	"ticket_id" bigint NOT NULL,
	"identity_id" integer NOT NULL,
	"public_replies" integer DEFAULT 0 NOT NULL,
	"handle_seconds" integer,
	CONSTRAINT "ticket_contributors_ticket_id_identity_id_pk" PRIMARY KEY("ticket_id","identity_id")
);
--> statement-breakpoint
CREATE TABLE "ticket_status_events" (
	"ticket_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"from_status" "ticket_status",
	"to_status" "ticket_status" NOT NULL,
	"actor_identity_id" integer,
	"public_agent_reply" boolean DEFAULT false NOT NULL,
	CONSTRAINT "ticket_status_events_ticket_id_seq_pk" PRIMARY KEY("ticket_id","seq")
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"connection_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"status" "ticket_status" NOT NULL,
	"raw_status" text NOT NULL,
	"group_external_id" text,
	"skill_group_id" integer,
	"line_id" integer,
	"assignee_identity_id" integer,
	"solver_identity_id" integer,
	"priority" text,
	"ticket_type" text,
	"created_at_source" timestamp with time zone NOT NULL,
	"updated_at_source" timestamp with time zone NOT NULL,
	"solved_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"is_merged" boolean DEFAULT false NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"is_spam" boolean DEFAULT false NOT NULL,
	"solved_by_automation" boolean DEFAULT false NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_user_id" integer,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" serial PRIMARY KEY NOT NULL,
	"ledger_id" bigint NOT NULL,
	"opened_by_user_id" integer,
	"comment" text NOT NULL,
	"status" "dispute_status" DEFAULT 'open' NOT NULL,
	"resolution" text,
	"adjustment" numeric(10, 3),
	"resolved_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "points_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" bigint NOT NULL,
	"engineer_id" integer NOT NULL,
	"rule_set_id" integer NOT NULL,
	"points" numeric(10, 3) NOT NULL,
	"state" "ledger_state" NOT NULL,
	"breakdown" jsonb NOT NULL,
	"earned_at" timestamp with time zone NOT NULL,
	"confirm_after" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_sets" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"config" jsonb NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weekly_quotas" (
	"engineer_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"points" numeric(10, 3) NOT NULL,
	"quota" numeric(10, 3) NOT NULL,
	"met_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "challenges" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"scope" "challenge_scope" NOT NULL,
	"team_id" integer,
	"metric" text NOT NULL,
	"target" numeric(12, 3) NOT NULL,
	"min_count" integer DEFAULT 0 NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" "challenge_status" DEFAULT 'active' NOT NULL,
	"result" jsonb,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crowns" (
	"id" serial PRIMARY KEY NOT NULL,
	"board" "crown_board" NOT NULL,
	"period_kind" "period_kind" NOT NULL,
	"period_start" date NOT NULL,
	"engineer_id" integer,
	"team_id" integer,
	"value" numeric(12, 3) NOT NULL,
	"held_since" timestamp with time zone DEFAULT now() NOT NULL,
	"final_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "nomination_winners" (
	"id" serial PRIMARY KEY NOT NULL,
	"nomination_id" integer NOT NULL,
	"period_start" date NOT NULL,
	"engineer_id" integer NOT NULL,
	"value" numeric(12, 3) NOT NULL,
	"awarded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nominations" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"metric" text NOT NULL,
	"filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"min_sample" integer DEFAULT 0 NOT NULL,
	"period_kind" text DEFAULT 'month' NOT NULL,
	"team_id" integer,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "sync_cursors" (
	"connection_id" integer NOT NULL,
	"stream" text NOT NULL,
	"cursor" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_cursors_connection_id_stream_pk" PRIMARY KEY("connection_id","stream")
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"connection_id" integer NOT NULL,
	"trigger" text NOT NULL,
	"status" "sync_run_status" DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"pages" integer DEFAULT 0 NOT NULL,
	"tickets_stored" integer DEFAULT 0 NOT NULL,
	"ratings_stored" integer DEFAULT 0 NOT NULL,
	"agents_stored" integer DEFAULT 0 NOT NULL,
	"tickets_rescored" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"rejects" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "engineer_skill_groups" ADD CONSTRAINT "engineer_skill_groups_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineer_skill_groups" ADD CONSTRAINT "engineer_skill_groups_skill_group_id_skill_groups_id_fk" FOREIGN KEY ("skill_group_id") REFERENCES "public"."skill_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineers" ADD CONSTRAINT "engineers_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineers" ADD CONSTRAINT "engineers_line_id_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."lines"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineer_identities" ADD CONSTRAINT "engineer_identities_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineer_identities" ADD CONSTRAINT "engineer_identities_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpdesk_groups" ADD CONSTRAINT "helpdesk_groups_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpdesk_groups" ADD CONSTRAINT "helpdesk_groups_skill_group_id_skill_groups_id_fk" FOREIGN KEY ("skill_group_id") REFERENCES "public"."skill_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpdesk_groups" ADD CONSTRAINT "helpdesk_groups_line_id_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."lines"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpdesk_groups" ADD CONSTRAINT "helpdesk_groups_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_rated_identity_id_engineer_identities_id_fk" FOREIGN KEY ("rated_identity_id") REFERENCES "public"."engineer_identities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_contributors" ADD CONSTRAINT "ticket_contributors_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_contributors" ADD CONSTRAINT "ticket_contributors_identity_id_engineer_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."engineer_identities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_status_events" ADD CONSTRAINT "ticket_status_events_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_status_events" ADD CONSTRAINT "ticket_status_events_actor_identity_id_engineer_identities_id_fk" FOREIGN KEY ("actor_identity_id") REFERENCES "public"."engineer_identities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_skill_group_id_skill_groups_id_fk" FOREIGN KEY ("skill_group_id") REFERENCES "public"."skill_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_line_id_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."lines"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assignee_identity_id_engineer_identities_id_fk" FOREIGN KEY ("assignee_identity_id") REFERENCES "public"."engineer_identities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_solver_identity_id_engineer_identities_id_fk" FOREIGN KEY ("solver_identity_id") REFERENCES "public"."engineer_identities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_ledger_id_points_ledger_id_fk" FOREIGN KEY ("ledger_id") REFERENCES "public"."points_ledger"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_opened_by_user_id_users_id_fk" FOREIGN KEY ("opened_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_resolved_by_user_id_users_id_fk" FOREIGN KEY ("resolved_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_rule_set_id_rule_sets_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."rule_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_sets" ADD CONSTRAINT "rule_sets_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_quotas" ADD CONSTRAINT "weekly_quotas_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crowns" ADD CONSTRAINT "crowns_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crowns" ADD CONSTRAINT "crowns_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_winners" ADD CONSTRAINT "nomination_winners_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_winners" ADD CONSTRAINT "nomination_winners_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_cursors" ADD CONSTRAINT "sync_cursors_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "engineers_email_unique" ON "engineers" USING btree (lower("email")) WHERE "engineers"."email" is not null;--> statement-breakpoint
CREATE INDEX "engineers_team_idx" ON "engineers" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "engineer_identities_ext_unique" ON "engineer_identities" USING btree ("connection_id","external_id");--> statement-breakpoint
CREATE INDEX "engineer_identities_engineer_idx" ON "engineer_identities" USING btree ("engineer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "helpdesk_groups_ext_unique" ON "helpdesk_groups" USING btree ("connection_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_ext_unique" ON "ratings" USING btree ("connection_id","external_id");--> statement-breakpoint
CREATE INDEX "ratings_ticket_idx" ON "ratings" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ratings_ticket_ext_idx" ON "ratings" USING btree ("connection_id","ticket_external_id");--> statement-breakpoint
CREATE INDEX "ratings_rated_at_idx" ON "ratings" USING btree ("rated_at");--> statement-breakpoint
CREATE INDEX "ticket_contributors_identity_idx" ON "ticket_contributors" USING btree ("identity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_ext_unique" ON "tickets" USING btree ("connection_id","external_id");--> statement-breakpoint
CREATE INDEX "tickets_solved_at_idx" ON "tickets" USING btree ("solved_at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_ticket_engineer_unique" ON "points_ledger" USING btree ("ticket_id","engineer_id");--> statement-breakpoint
CREATE INDEX "points_ledger_engineer_earned_idx" ON "points_ledger" USING btree ("engineer_id","earned_at");--> statement-breakpoint
CREATE INDEX "points_ledger_earned_idx" ON "points_ledger" USING btree ("earned_at");--> statement-breakpoint
CREATE INDEX "points_ledger_pending_idx" ON "points_ledger" USING btree ("state","confirm_after");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_sets_version_unique" ON "rule_sets" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "weekly_quotas_unique" ON "weekly_quotas" USING btree ("engineer_id","week_start");--> statement-breakpoint
CREATE INDEX "challenges_team_idx" ON "challenges" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "crowns_board_period_unique" ON "crowns" USING btree ("board","period_kind","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "nomination_winners_unique" ON "nomination_winners" USING btree ("nomination_id","period_start");--> statement-breakpoint
CREATE INDEX "job_runs_job_idx" ON "job_runs" USING btree ("job_id","started_at");--> statement-breakpoint
CREATE INDEX "sync_runs_connection_idx" ON "sync_runs" USING btree ("connection_id","started_at");