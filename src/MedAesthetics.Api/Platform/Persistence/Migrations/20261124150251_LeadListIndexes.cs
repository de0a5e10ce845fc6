using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAesthetics.Api.Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LeadListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_assigned_to_id_status",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_campaign_id_created_at",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_clinic_id_created_at",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_created_at",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_status_created_at",
                table: "leads");

            migrationBuilder.CreateIndex(
                name: "ix_leads_assigned_to_id_assigned_at",
                table: "leads",
                columns: new[] { "assigned_to_id", "assigned_at" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_assigned_to_id_status",
                table: "leads",
                columns: new[] { "assigned_to_id", "status" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_campaign_id_created_at",
                table: "leads",
                columns: new[] { "campaign_id", "created_at" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_clinic_id_created_at",
                table: "leads",
                columns: new[] { "clinic_id", "created_at" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_created_at",
                table: "leads",
                column: "created_at",
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_open_by_assignee",
                table: "leads",
                column: "assigned_to_id",
                filter: "deleted_at IS NULL AND status IN ('new', 'contacted', 'qualified', 'booked')");

            migrationBuilder.CreateIndex(
                name: "ix_leads_status_created_at",
                table: "leads",
                columns: new[] { "status", "created_at" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_status_status_changed_at",
                table: "leads",
                columns: new[] { "status", "status_changed_at" },
                filter: "deleted_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_assigned_to_id_assigned_at",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_assigned_to_id_status",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_campaign_id_created_at",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_clinic_id_created_at",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_created_at",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_open_by_assignee",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_status_created_at",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_status_status_changed_at",
                table: "leads");

            migrationBuilder.CreateIndex(
                name: "ix_leads_assigned_to_id_status",
                table: "leads",
                columns: new[] { "assigned_to_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_campaign_id_created_at",
                table: "leads",
                columns: new[] { "campaign_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_clinic_id_created_at",
                table: "leads",
                columns: new[] { "clinic_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_created_at",
                table: "leads",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_leads_status_created_at",
                table: "leads",
                columns: new[] { "status", "created_at" });
        }
    }
}
