using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAesthetics.Api.Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MarketingConsentFromRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The two switches become consent records before they go: a user who said yes at registration or in the
            // notification preferences, and has no marketing decision on record yet, gets a granted record.
            migrationBuilder.Sql("""
                INSERT INTO user_consents (id, user_id, type, version, granted, recorded_at, ip_address, created_at, updated_at)
                SELECT gen_random_uuid(), u.id, 'marketing', '2026-01', true, now(), NULL, now(), now()
                FROM users u
                WHERE (u.marketing_consent OR EXISTS (SELECT 1 FROM notification_preferences p WHERE p.user_id = u.id AND p.marketing))
                  AND NOT EXISTS (SELECT 1 FROM user_consents c WHERE c.user_id = u.id AND c.type = 'marketing');
                """);

            migrationBuilder.DropColumn(
                name: "marketing_consent",
                table: "users");

            migrationBuilder.DropColumn(
                name: "marketing",
                table: "notification_preferences");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "marketing_consent",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "marketing",
                table: "notification_preferences",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }
    }
}
