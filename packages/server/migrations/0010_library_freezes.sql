CREATE TABLE "library_year_freezes" (
	"year" integer PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"frozen_at" timestamp with time zone NOT NULL,
	"frozen_by" integer,
	"members" integer NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "library_evaluations" ADD COLUMN "prior_label" text;--> statement-breakpoint
ALTER TABLE "library_year_freezes" ADD CONSTRAINT "library_year_freezes_frozen_by_users_id_fk" FOREIGN KEY ("frozen_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;