CREATE TYPE "public"."board_privacy" AS ENUM('full', 'top_and_me', 'neighbours', 'names_hidden');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."digest_kind" AS ENUM('slack', 'teams', 'telegram', 'email');--> statement-breakpoint
CREATE TABLE "push_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"connection_id" integer NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "engineer_day_stats" (
	"engineer_id" integer NOT NULL,
	"day" date NOT NULL,
	"points" numeric(14, 3) DEFAULT 0 NOT NULL,
	"tickets" integer DEFAULT 0 NOT NULL,
	"reopened" integer DEFAULT 0 NOT NULL,
	"cross_skill" integer DEFAULT 0 NOT NULL,
	"hard_points" numeric(14, 3) DEFAULT 0 NOT NULL,
	"resolution_seconds" bigint DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"rating_sum" numeric(14, 2) DEFAULT 0 NOT NULL,
	"five_stars" integer DEFAULT 0 NOT NULL,
	"five_star_comments" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "engineer_day_stats_engineer_id_day_pk" PRIMARY KEY("engineer_id","day")
);
--> statement-breakpoint
CREATE TABLE "team_board_settings" (
	"team_id" integer PRIMARY KEY NOT NULL,
	"privacy" "board_privacy" DEFAULT 'top_and_me' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wallboard_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"team_id" integer,
	"secret_hash" text NOT NULL,
	"revoked" boolean DEFAULT false NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "badges" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"challenge_id" integer,
	"team_id" integer,
	"engineer_id" integer,
	"subject" text NOT NULL,
	"period_start" date NOT NULL,
	"label" text NOT NULL,
	"awarded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digest_channels" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"kind" "digest_kind" NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_encrypted" text NOT NULL,
	"send_at" text DEFAULT '18:00' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digest_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel_id" integer NOT NULL,
	"day" date NOT NULL,
	"trigger" text NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"text" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"connection_id" integer NOT NULL,
	"signature" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_connection_id_signature_pk" PRIMARY KEY("connection_id","signature")
);
--> statement-breakpoint
CREATE TABLE "engineer_goals" (
	"engineer_id" integer PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"points" numeric(10, 3) NOT NULL,
	"set_by_user_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engineer_goals_period" CHECK ("engineer_goals"."period" in ('week', 'quarter')),
	CONSTRAINT "engineer_goals_points" CHECK ("engineer_goals"."points" > 0)
);
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "handicap_mode" text;--> statement-breakpoint
ALTER TABLE "challenges" ADD COLUMN "custom" jsonb;--> statement-breakpoint
ALTER TABLE "challenges" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "push_tokens" ADD CONSTRAINT "push_tokens_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_tokens" ADD CONSTRAINT "push_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineer_day_stats" ADD CONSTRAINT "engineer_day_stats_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_board_settings" ADD CONSTRAINT "team_board_settings_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallboard_links" ADD CONSTRAINT "wallboard_links_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallboard_links" ADD CONSTRAINT "wallboard_links_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_channels" ADD CONSTRAINT "digest_channels_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_channels" ADD CONSTRAINT "digest_channels_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_channel_id_digest_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."digest_channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineer_goals" ADD CONSTRAINT "engineer_goals_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineer_goals" ADD CONSTRAINT "engineer_goals_set_by_user_id_users_id_fk" FOREIGN KEY ("set_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "push_tokens_hash_unique" ON "push_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "push_tokens_connection_idx" ON "push_tokens" USING btree ("connection_id");--> statement-breakpoint
CREATE INDEX "engineer_day_stats_day_idx" ON "engineer_day_stats" USING btree ("day");--> statement-breakpoint
CREATE UNIQUE INDEX "badges_unique" ON "badges" USING btree ("kind","subject","period_start","label");--> statement-breakpoint
CREATE INDEX "digest_channels_team_idx" ON "digest_channels" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "digest_deliveries_scheduled_unique" ON "digest_deliveries" USING btree ("channel_id","day") WHERE "digest_deliveries"."trigger" = 'scheduled';--> statement-breakpoint
CREATE INDEX "digest_deliveries_due_idx" ON "digest_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_received_idx" ON "webhook_deliveries" USING btree ("received_at");