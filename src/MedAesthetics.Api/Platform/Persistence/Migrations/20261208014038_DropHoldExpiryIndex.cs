using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAesthetics.Api.Platform.Persistence.Migrations
{
    /// <summary>
    /// Drops the partial index of live holds by expiry alone, leaving <c>ix_appointments_created_by_hold_expires_at</c> the
    /// one index of live holds. A client's live-hold count (on every hold) was at times planned on the dropped index while
    /// few holds were live, and that plan then read every client's live holds on each hold as they grew. The release of
    /// expired holds that it served on every hold now runs only when a hold's insert meets another placement.
    /// </summary>
    public partial class DropHoldExpiryIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_appointments_hold_expires_at",
                table: "appointments");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_appointments_hold_expires_at",
                table: "appointments",
                column: "hold_expires_at",
                filter: "status = 'held'");
        }
    }
}
