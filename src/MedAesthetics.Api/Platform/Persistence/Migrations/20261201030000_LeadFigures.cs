using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAesthetics.Api.Platform.Persistence.Migrations
{
    /// <summary>
    /// Lead counts aggregated by UTC hour and UTC day, so a report over a month at a million leads sums a few thousand
    /// rows instead of counting a third of the table (no EF model change: the tables are read with SQL by CrmFigures).
    /// Three kinds of rows, one per report table: 1 by clinic, source and status; 2 by campaign and status (leads that
    /// are not duplicates); 3 by clinic, salesperson and status (assigned leads).
    /// <list type="bullet">
    /// <item><c>lead_figure_changes</c>: a trigger on <c>leads</c> appends +1 for the new state and -1 for the old one on
    /// every insert, (soft) delete and change of a counted column, in the writer's transaction. Appending never updates a
    /// shared row, so concurrent intakes never wait for each other here.</item>
    /// <item><c>compact_lead_figures()</c> moves the changes into <c>lead_hourly_figures</c> and <c>lead_daily_figures</c>
    /// in one statement (a recurring job runs it every minute). Readers add the three tables, so figures are exact at any
    /// moment, before or after a compaction.</item>
    /// </list>
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261201030000_LeadFigures")]
    public partial class LeadFigures : Migration
    {
        /// <summary>The full detail of a lead that the figures count, as the trigger appends it.</summary>
        private const string Detail = "clinic_id uuid NULL, source text NOT NULL, status text NOT NULL, campaign_id uuid NULL, assigned_to_id uuid NULL, duplicate boolean NOT NULL";

        /// <summary>The aggregates' columns: one row per kind (1 clinic/source/status, 2 campaign/status, 3 clinic/salesperson/status), the other columns null.</summary>
        private const string Kinds = "kind smallint NOT NULL, clinic_id uuid NULL, source text NULL, status text NOT NULL, campaign_id uuid NULL, assigned_to_id uuid NULL, leads integer NOT NULL";

        private const string KindKey = "kind, clinic_id, source, status, campaign_id, assigned_to_id";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE lead_figure_changes (hour timestamp with time zone NOT NULL, {Detail}, leads integer NOT NULL);
                CREATE TABLE lead_hourly_figures (hour timestamp with time zone NOT NULL, {Kinds});
                CREATE UNIQUE INDEX ux_lead_hourly_figures ON lead_hourly_figures (kind, hour, clinic_id, source, status, campaign_id, assigned_to_id)
                    INCLUDE (leads) NULLS NOT DISTINCT;
                CREATE TABLE lead_daily_figures (day date NOT NULL, {Kinds});
                CREATE UNIQUE INDEX ux_lead_daily_figures ON lead_daily_figures (kind, day, clinic_id, source, status, campaign_id, assigned_to_id)
                    INCLUDE (leads) NULLS NOT DISTINCT;

                CREATE FUNCTION track_lead_figures() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
                        INSERT INTO lead_figure_changes VALUES (date_trunc('hour', OLD.created_at, 'UTC'), OLD.clinic_id, OLD.source, OLD.status,
                            OLD.campaign_id, OLD.assigned_to_id, OLD.duplicate_of_id IS NOT NULL, -1);
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN
                        INSERT INTO lead_figure_changes VALUES (date_trunc('hour', NEW.created_at, 'UTC'), NEW.clinic_id, NEW.source, NEW.status,
                            NEW.campaign_id, NEW.assigned_to_id, NEW.duplicate_of_id IS NOT NULL, 1);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER trg_leads_figures_insert_delete AFTER INSERT OR DELETE ON leads
                    FOR EACH ROW EXECUTE FUNCTION track_lead_figures();
                CREATE TRIGGER trg_leads_figures_update
                    AFTER UPDATE OF created_at, clinic_id, source, status, campaign_id, assigned_to_id, duplicate_of_id, deleted_at ON leads
                    FOR EACH ROW
                    WHEN ((OLD.created_at, OLD.clinic_id, OLD.source, OLD.status, OLD.campaign_id, OLD.assigned_to_id, OLD.duplicate_of_id IS NOT NULL, OLD.deleted_at IS NULL)
                          IS DISTINCT FROM
                          (NEW.created_at, NEW.clinic_id, NEW.source, NEW.status, NEW.campaign_id, NEW.assigned_to_id, NEW.duplicate_of_id IS NOT NULL, NEW.deleted_at IS NULL))
                    EXECUTE FUNCTION track_lead_figures();
                CREATE FUNCTION forget_lead_figures() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    TRUNCATE lead_figure_changes, lead_hourly_figures, lead_daily_figures;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER trg_leads_figures_truncate AFTER TRUNCATE ON leads
                    FOR EACH STATEMENT EXECUTE FUNCTION forget_lead_figures();

                -- Moves every change visible now into the hourly and daily figures of the three kinds, in one statement (so in
                -- one snapshot: a change is either still in lead_figure_changes or already added, never both). Two runs at once
                -- are safe: the second one's DELETE waits for the first and then finds those rows gone. Returns the rows moved.
                CREATE FUNCTION compact_lead_figures() RETURNS bigint LANGUAGE sql AS $$
                    WITH moved AS (
                        DELETE FROM lead_figure_changes RETURNING *
                    ), kinds AS (
                        SELECT hour, 1::smallint AS kind, clinic_id, source, status, NULL::uuid AS campaign_id, NULL::uuid AS assigned_to_id, leads FROM moved
                        UNION ALL
                        SELECT hour, 2::smallint, NULL, NULL, status, campaign_id, NULL, leads FROM moved WHERE campaign_id IS NOT NULL AND NOT duplicate
                        UNION ALL
                        SELECT hour, 3::smallint, clinic_id, NULL, status, NULL, assigned_to_id, leads FROM moved WHERE assigned_to_id IS NOT NULL
                    ), hourly AS (
                        SELECT hour, {KindKey}, sum(leads)::integer AS leads FROM kinds GROUP BY 1, 2, 3, 4, 5, 6, 7
                    ), into_hourly AS (
                        INSERT INTO lead_hourly_figures AS f (hour, {KindKey}, leads)
                        SELECT hour, {KindKey}, leads FROM hourly ORDER BY kind, hour
                        ON CONFLICT (kind, hour, clinic_id, source, status, campaign_id, assigned_to_id) DO UPDATE SET leads = f.leads + EXCLUDED.leads
                    ), into_daily AS (
                        INSERT INTO lead_daily_figures AS f (day, {KindKey}, leads)
                        SELECT (hour AT TIME ZONE 'UTC')::date, {KindKey}, sum(leads)::integer FROM hourly GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 2, 1
                        ON CONFLICT (kind, day, clinic_id, source, status, campaign_id, assigned_to_id) DO UPDATE SET leads = f.leads + EXCLUDED.leads
                    )
                    SELECT count(*) FROM moved;
                $$;

                -- Figures recomputed from the leads themselves: one change per group, then compacted. Used for the leads
                -- already there, and by a bulk load that bypassed the trigger (the benchmark's COPY).
                CREATE FUNCTION rebuild_lead_figures() RETURNS bigint LANGUAGE sql AS $$
                    TRUNCATE lead_figure_changes, lead_hourly_figures, lead_daily_figures;
                    INSERT INTO lead_figure_changes
                    SELECT date_trunc('hour', created_at, 'UTC'), clinic_id, source, status, campaign_id, assigned_to_id, duplicate_of_id IS NOT NULL, count(*)
                    FROM leads WHERE deleted_at IS NULL
                    GROUP BY 1, 2, 3, 4, 5, 6, 7;
                    SELECT compact_lead_figures();
                $$;
                SELECT rebuild_lead_figures();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER trg_leads_figures_truncate ON leads;
                DROP TRIGGER trg_leads_figures_update ON leads;
                DROP TRIGGER trg_leads_figures_insert_delete ON leads;
                DROP FUNCTION rebuild_lead_figures();
                DROP FUNCTION compact_lead_figures();
                DROP FUNCTION forget_lead_figures();
                DROP FUNCTION track_lead_figures();
                DROP TABLE lead_daily_figures;
                DROP TABLE lead_hourly_figures;
                DROP TABLE lead_figure_changes;
                """);
        }
    }
}
