CREATE TABLE "declaration_overrides" (
	"id" serial PRIMARY KEY NOT NULL,
	"declaration_id" integer NOT NULL,
	"check_key" text NOT NULL,
	"check_status" text NOT NULL,
	"check_message" text NOT NULL,
	"reason" text NOT NULL,
	"actor_id" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "declarations_open_uq";--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "inspection_unit_id" integer;--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "replaces_id" integer;--> statement-breakpoint
ALTER TABLE "declaration_overrides" ADD CONSTRAINT "declaration_overrides_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_overrides" ADD CONSTRAINT "declaration_overrides_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "declaration_overrides_uq" ON "declaration_overrides" USING btree ("declaration_id","check_key");--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_inspection_unit_id_org_units_id_fk" FOREIGN KEY ("inspection_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "declarations_open_uq" ON "declarations" USING btree ("enterprise_id","year") WHERE "declarations"."state" not in ('entered', 'withdrawn');