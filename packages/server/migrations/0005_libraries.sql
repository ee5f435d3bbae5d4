CREATE TABLE "firm_operating_status" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"status" text NOT NULL,
	"since" date NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_evaluations" (
	"enterprise_id" integer NOT NULL,
	"year" integer NOT NULL,
	"as_of" date NOT NULL,
	"matches" jsonb NOT NULL,
	"pathway_suggested" text,
	"tier" text,
	"prior_revenue" numeric(16, 2),
	"ytd_revenue" numeric(16, 2),
	"ytd_months" integer NOT NULL,
	"tax_ytd" numeric(16, 2),
	"projected_revenue" numeric(16, 2),
	"p_reach_year" real,
	"p_below_year_end" real,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "library_evaluations_enterprise_id_year_pk" PRIMARY KEY("enterprise_id","year")
);
--> statement-breakpoint
CREATE TABLE "library_memberships" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"year" integer NOT NULL,
	"library" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"entered_rule" text,
	"entered_reason" text NOT NULL,
	"entered_by" integer,
	"manual" boolean DEFAULT false NOT NULL,
	"left_at" timestamp with time zone,
	"left_reason" text,
	"left_by" integer
);
--> statement-breakpoint
CREATE TABLE "library_overrides" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"year" integer NOT NULL,
	"library" text NOT NULL,
	"mode" text NOT NULL,
	"reason" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" integer,
	"revoked_reason" text
);
--> statement-breakpoint
CREATE TABLE "pathway_overrides" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"year" integer NOT NULL,
	"pathway" text NOT NULL,
	"reason" text NOT NULL,
	"set_by" integer,
	"set_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "firm_operating_status" ADD CONSTRAINT "firm_operating_status_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firm_operating_status" ADD CONSTRAINT "firm_operating_status_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_evaluations" ADD CONSTRAINT "library_evaluations_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_memberships" ADD CONSTRAINT "library_memberships_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_memberships" ADD CONSTRAINT "library_memberships_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_memberships" ADD CONSTRAINT "library_memberships_left_by_users_id_fk" FOREIGN KEY ("left_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_overrides" ADD CONSTRAINT "library_overrides_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_overrides" ADD CONSTRAINT "library_overrides_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_overrides" ADD CONSTRAINT "library_overrides_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_overrides" ADD CONSTRAINT "pathway_overrides_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_overrides" ADD CONSTRAINT "pathway_overrides_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "firm_operating_status_enterprise_idx" ON "firm_operating_status" USING btree ("enterprise_id","since");--> statement-breakpoint
CREATE UNIQUE INDEX "library_memberships_open_uq" ON "library_memberships" USING btree ("enterprise_id","year","library") WHERE "library_memberships"."left_at" is null;--> statement-breakpoint
CREATE INDEX "library_memberships_list_idx" ON "library_memberships" USING btree ("year","library") WHERE "library_memberships"."left_at" is null;--> statement-breakpoint
CREATE INDEX "library_memberships_enterprise_idx" ON "library_memberships" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "library_overrides_active_uq" ON "library_overrides" USING btree ("enterprise_id","year","library") WHERE "library_overrides"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "library_overrides_year_idx" ON "library_overrides" USING btree ("year");--> statement-breakpoint
CREATE INDEX "pathway_overrides_enterprise_idx" ON "pathway_overrides" USING btree ("enterprise_id","year");