CREATE TABLE "directory_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"type" text NOT NULL,
	"mode" text,
	"batch" text,
	"approval_date" date NOT NULL,
	"effective_period" char(7) NOT NULL,
	"exit_reason" text,
	"note" text,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL,
	"import_batch_id" integer,
	"voided_at" timestamp with time zone,
	"voided_by" integer,
	"void_reason" text
);
--> statement-breakpoint
ALTER TABLE "directory_events" ADD CONSTRAINT "directory_events_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_events" ADD CONSTRAINT "directory_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_events" ADD CONSTRAINT "directory_events_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_events" ADD CONSTRAINT "directory_events_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_events_enterprise_idx" ON "directory_events" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "directory_events_approval_idx" ON "directory_events" USING btree ("approval_date");--> statement-breakpoint
CREATE INDEX "directory_events_effective_idx" ON "directory_events" USING btree ("effective_period");