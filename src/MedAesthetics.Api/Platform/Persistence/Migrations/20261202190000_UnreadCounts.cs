using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAesthetics.Api.Platform.Persistence.Migrations
{
    /// <summary>
    /// Each user's unread count kept by the database (no EF model change): <c>notification_unread_counts</c> holds the
    /// number of the user's notifications that are visible and unread, and statement triggers on <c>notifications</c>
    /// add what an insert, update or delete changed (from its transition tables, one upsert per statement and user
    /// whose count moved; a truncate empties it). The badge read, and the count the in-app channel sends with every new
    /// notification, is one primary-key lookup instead of counting the user's unread entries: a salesperson who gets a
    /// notification for every lead assigned had thousands, and counting them cost 1.5 ms of PostgreSQL per notification.
    /// A statement that leaves a user's count as it was (an erasure's scrub of titles) writes nothing for that user.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261202190000_UnreadCounts")]
    public partial class UnreadCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE notification_unread_counts (
                    user_id uuid PRIMARY KEY,
                    unread integer NOT NULL CHECK (unread >= 0)
                );
                INSERT INTO notification_unread_counts (user_id, unread)
                SELECT user_id, count(*) FROM notifications WHERE read_at IS NULL AND visible GROUP BY user_id;

                CREATE FUNCTION track_unread_counts() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        DELETE FROM notification_unread_counts;
                        RETURN NULL;
                    END IF;
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO notification_unread_counts AS c (user_id, unread)
                        SELECT user_id, count(*) FROM new_rows WHERE read_at IS NULL AND visible GROUP BY user_id ORDER BY user_id
                        ON CONFLICT (user_id) DO UPDATE SET unread = c.unread + excluded.unread;
                    ELSIF TG_OP = 'UPDATE' THEN
                        -- Rows that exist take the change either way; a user whose count went up from nothing gets a row
                        -- (ON CONFLICT: or adds to the one a concurrent transaction has just created).
                        WITH moved AS (
                            SELECT user_id, sum(delta)::integer AS delta
                            FROM (SELECT user_id, 1 AS delta FROM new_rows WHERE read_at IS NULL AND visible
                                  UNION ALL
                                  SELECT user_id, -1 FROM old_rows WHERE read_at IS NULL AND visible) AS changes
                            GROUP BY user_id HAVING sum(delta) <> 0),
                        counted AS (
                            UPDATE notification_unread_counts AS c SET unread = c.unread + moved.delta
                            FROM moved WHERE c.user_id = moved.user_id
                            RETURNING c.user_id)
                        INSERT INTO notification_unread_counts AS c (user_id, unread)
                        SELECT user_id, delta FROM moved WHERE delta > 0 AND user_id NOT IN (SELECT user_id FROM counted)
                        ON CONFLICT (user_id) DO UPDATE SET unread = c.unread + excluded.unread;
                    ELSE
                        UPDATE notification_unread_counts AS c SET unread = c.unread - gone.unread
                        FROM (SELECT user_id, count(*)::integer AS unread FROM old_rows WHERE read_at IS NULL AND visible GROUP BY user_id) AS gone
                        WHERE c.user_id = gone.user_id;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER trg_notifications_unread_insert AFTER INSERT ON notifications
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION track_unread_counts();
                CREATE TRIGGER trg_notifications_unread_update AFTER UPDATE ON notifications
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION track_unread_counts();
                CREATE TRIGGER trg_notifications_unread_delete AFTER DELETE ON notifications
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION track_unread_counts();
                CREATE TRIGGER trg_notifications_unread_truncate AFTER TRUNCATE ON notifications
                    FOR EACH STATEMENT EXECUTE FUNCTION track_unread_counts();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER trg_notifications_unread_insert ON notifications;
                DROP TRIGGER trg_notifications_unread_update ON notifications;
                DROP TRIGGER trg_notifications_unread_delete ON notifications;
                DROP TRIGGER trg_notifications_unread_truncate ON notifications;
                DROP FUNCTION track_unread_counts();
                DROP TABLE notification_unread_counts;
                """);
        }
    }
}
