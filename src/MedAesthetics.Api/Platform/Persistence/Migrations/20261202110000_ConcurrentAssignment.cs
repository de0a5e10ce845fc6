using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAesthetics.Api.Platform.Persistence.Migrations
{
    /// <summary>
    /// Lead assignment without one queue for every intake (no EF model change):
    /// <list type="bullet">
    /// <item>The trigger that keeps <c>salesperson_loads</c> becomes a deferred constraint trigger: it still runs in the
    /// writer's transaction, but at its COMMIT, so a salesperson's load row is locked for the commit alone instead of
    /// from the lead's INSERT through every round trip the API makes before committing. Concurrent intakes of leads
    /// for the same salesperson (a duplicate goes to its original's) no longer wait for each other.</item>
    /// <item><c>choose_salesperson(candidates)</c> picks the assignee: fewest open leads, then longest since the last
    /// assignment, as before. An intake marks its choice with two transaction-level advisory locks held until it
    /// commits, when the deferred trigger has counted the lead: <c>assign:</c> and the user id, which other intakes
    /// try, and <c>assign-gate:</c>, which they wait on. Another intake skips a marked candidate and takes the next
    /// free one that has no more open leads, and otherwise waits at the marked one's gate until that intake has
    /// committed and looks again; a candidate is taken only if its load, read again once it is marked, is the load it
    /// was chosen by. So concurrent intakes spread exactly as serial ones would, while intakes over salespeople with
    /// equal loads, or over different salespeople, run side by side. (A waiter holding the mark itself for an instant
    /// would make it look taken to the others, and two waiters could hand it back and forth forever.)</item>
    /// </list>
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261202110000_ConcurrentAssignment")]
    public partial class ConcurrentAssignment : Migration
    {
        private const string Columns = "assigned_to_id, status, deleted_at, assigned_at";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                DROP TRIGGER trg_leads_salesperson_load ON leads;
                CREATE CONSTRAINT TRIGGER trg_leads_salesperson_load
                    AFTER INSERT OR DELETE OR UPDATE OF {Columns} ON leads
                    DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION track_salesperson_load();

                CREATE FUNCTION choose_salesperson(candidates uuid[]) RETURNS uuid LANGUAGE plpgsql AS $$
                DECLARE
                    candidate record;
                    marked uuid;          -- the first candidate, in preference order, that another intake has chosen
                    marked_load integer;  -- its open leads as read
                    moved boolean;        -- a candidate's load changed between reading it and marking it: read again
                BEGIN
                    IF coalesce(cardinality(candidates), 0) = 0 THEN
                        RETURN NULL;
                    END IF;
                    IF cardinality(candidates) = 1 THEN
                        RETURN candidates[1];  -- no choice to make, so nothing to mark
                    END IF;
                    LOOP
                        marked := NULL;
                        moved := false;
                        FOR candidate IN
                            SELECT c.user_id, coalesce(s.open_leads, 0) AS open_leads
                            FROM (SELECT DISTINCT unnest(candidates) AS user_id) AS c
                            LEFT JOIN salesperson_loads AS s ON s.user_id = c.user_id
                            ORDER BY coalesce(s.open_leads, 0), s.last_assigned_at NULLS FIRST, c.user_id
                        LOOP
                            -- Past a marked candidate, a free one is as fair only while it has no more open leads than
                            -- that one had when read; beyond that, wait. (Counting the mark as one lead more would be
                            -- wrong when its intake has committed and not yet released the mark: read here, its lead
                            -- would be counted twice.)
                            EXIT WHEN marked IS NOT NULL AND candidate.open_leads > marked_load;
                            BEGIN
                                IF pg_try_advisory_xact_lock(hashtextextended('assign:' || candidate.user_id::text, 0)) THEN
                                    -- An intake that committed to this candidate after the loads were read released its
                                    -- mark just before this one was taken: read the load again, after the mark.
                                    IF coalesce((SELECT s.open_leads FROM salesperson_loads AS s WHERE s.user_id = candidate.user_id), 0)
                                       <> candidate.open_leads THEN
                                        RAISE EXCEPTION USING ERRCODE = 'MA001';  -- undoes the mark with the block
                                    END IF;
                                    -- The gate is what waiters wait on; it is never tried, so a waiter passing through
                                    -- it cannot make a free candidate look taken.
                                    PERFORM pg_advisory_xact_lock(hashtextextended('assign-gate:' || candidate.user_id::text, 0));
                                    RETURN candidate.user_id;
                                END IF;
                            EXCEPTION WHEN SQLSTATE 'MA001' THEN
                                moved := true;
                            END;
                            EXIT WHEN moved;
                            IF marked IS NULL THEN
                                marked := candidate.user_id;
                                marked_load := candidate.open_leads;
                            END IF;
                        END LOOP;
                        IF NOT moved THEN
                            -- Wait until the marked candidate's intake has committed, through its gate (a session lock,
                            -- released at once: this transaction holds no mark or gate while it waits), then read again.
                            PERFORM pg_advisory_lock(hashtextextended('assign-gate:' || marked::text, 0));
                            PERFORM pg_advisory_unlock(hashtextextended('assign-gate:' || marked::text, 0));
                        END IF;
                    END LOOP;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                DROP FUNCTION choose_salesperson(uuid[]);
                DROP TRIGGER trg_leads_salesperson_load ON leads;
                CREATE TRIGGER trg_leads_salesperson_load
                    AFTER INSERT OR DELETE OR UPDATE OF {Columns} ON leads
                    FOR EACH ROW EXECUTE FUNCTION track_salesperson_load();
                """);
        }
    }
}
