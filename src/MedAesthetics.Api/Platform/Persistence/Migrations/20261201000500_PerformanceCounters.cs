using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAesthetics.Api.Platform.Persistence.Migrations
{
    /// <summary>
    /// Database-kept figures that make hot paths one cheap lookup (no EF model change: the tables are read with SQL):
    /// <c>salesperson_loads</c> (open leads and latest assignment per salesperson, kept by a trigger on leads, read by
    /// lead assignment), <c>calendar_versions</c> (bumped by a statement trigger on every table a clinic's schedule is
    /// made of, read by each node's schedule cache), <c>session_versions</c> (bumped by every session revocation and user
    /// deactivation, read by each node's session cache), and a partial index for the salesperson's unassigned, clinic-less leads.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261201000500_PerformanceCounters")]
    public partial class PerformanceCounters : Migration
    {
        private static readonly string[] CalendarTables = ["clinics", "services", "clinic_staff", "provider_services", "working_hours", "blocked_slots"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE salesperson_loads (
                    user_id uuid PRIMARY KEY,
                    open_leads integer NOT NULL DEFAULT 0,
                    last_assigned_at timestamp with time zone NULL
                );
                INSERT INTO salesperson_loads (user_id, open_leads, last_assigned_at)
                SELECT assigned_to_id,
                       count(*) FILTER (WHERE deleted_at IS NULL AND status IN ('new', 'contacted', 'qualified', 'booked')),
                       max(assigned_at) FILTER (WHERE deleted_at IS NULL)
                FROM leads WHERE assigned_to_id IS NOT NULL GROUP BY assigned_to_id;

                CREATE FUNCTION track_salesperson_load() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.assigned_to_id IS NOT NULL AND OLD.deleted_at IS NULL
                       AND OLD.status IN ('new', 'contacted', 'qualified', 'booked') THEN
                        UPDATE salesperson_loads SET open_leads = open_leads - 1 WHERE user_id = OLD.assigned_to_id;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.assigned_to_id IS NOT NULL THEN
                        INSERT INTO salesperson_loads AS s (user_id, open_leads, last_assigned_at)
                        VALUES (NEW.assigned_to_id,
                                CASE WHEN NEW.deleted_at IS NULL AND NEW.status IN ('new', 'contacted', 'qualified', 'booked') THEN 1 ELSE 0 END,
                                CASE WHEN NEW.deleted_at IS NULL THEN NEW.assigned_at END)
                        ON CONFLICT (user_id) DO UPDATE
                            SET open_leads = s.open_leads + EXCLUDED.open_leads,
                                last_assigned_at = GREATEST(s.last_assigned_at, EXCLUDED.last_assigned_at);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER trg_leads_salesperson_load
                    AFTER INSERT OR DELETE OR UPDATE OF assigned_to_id, status, deleted_at, assigned_at ON leads
                    FOR EACH ROW EXECUTE FUNCTION track_salesperson_load();

                CREATE INDEX ix_leads_unowned_created_at ON leads (created_at)
                    WHERE deleted_at IS NULL AND assigned_to_id IS NULL AND clinic_id IS NULL;
                """);
            migrationBuilder.Sql(VersionTable("calendar"));
            migrationBuilder.Sql(VersionTable("session"));
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_auth_sessions_session_version AFTER UPDATE OF revoked_at OR DELETE OR TRUNCATE ON auth_sessions
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_session_version();
                CREATE TRIGGER trg_users_session_version AFTER UPDATE OF is_active, deleted_at OR DELETE OR TRUNCATE ON users
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_session_version();
                """);
            foreach (var table in CalendarTables)
                migrationBuilder.Sql($"CREATE TRIGGER trg_{table}_calendar_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION bump_calendar_version();");
        }

        /// <summary>A one-row version table and the statement trigger function that bumps it.</summary>
        private static string VersionTable(string name) => $"""
            CREATE TABLE {name}_versions (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
            INSERT INTO {name}_versions VALUES (1, 1);
            CREATE FUNCTION bump_{name}_version() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE {name}_versions SET version = version + 1 WHERE id = 1;
                RETURN NULL;
            END $$;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in CalendarTables)
                migrationBuilder.Sql($"DROP TRIGGER trg_{table}_calendar_version ON {table};");
            migrationBuilder.Sql("""
                DROP TRIGGER trg_users_session_version ON users;
                DROP TRIGGER trg_auth_sessions_session_version ON auth_sessions;
                DROP FUNCTION bump_session_version();
                DROP TABLE session_versions;
                DROP INDEX ix_leads_unowned_created_at;
                DROP FUNCTION bump_calendar_version();
                DROP TABLE calendar_versions;
                DROP TRIGGER trg_leads_salesperson_load ON leads;
                DROP FUNCTION track_salesperson_load();
                DROP TABLE salesperson_loads;
                """);
        }
    }
}
