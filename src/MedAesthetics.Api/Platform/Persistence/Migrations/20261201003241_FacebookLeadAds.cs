using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace MedAesthetics.Api.Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FacebookLeadAds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "facebook_ad_ids",
                table: "ad_campaigns",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "facebook_form_ids",
                table: "ad_campaigns",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.CreateTable(
                name: "facebook_leadgens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    leadgen_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    page_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    form_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ad_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    adgroup_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    submitted_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    clinic_id = table.Column<Guid>(type: "uuid", nullable: true),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: true),
                    completed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_facebook_leadgens", x => x.id);
                    table.CheckConstraint("ck_facebook_leadgens_attempts", "attempts >= 0");
                    table.CheckConstraint("ck_facebook_leadgens_status", "status IN ('pending', 'taken_in', 'failed', 'skipped')");
                    table.ForeignKey(
                        name: "fk_facebook_leadgens_ad_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "ad_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_facebook_leadgens_clinics_clinic_id",
                        column: x => x.clinic_id,
                        principalTable: "clinics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_facebook_leadgens_lead_lead_id",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_facebook_leadgens_campaign_id",
                table: "facebook_leadgens",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_facebook_leadgens_clinic_id",
                table: "facebook_leadgens",
                column: "clinic_id");

            migrationBuilder.CreateIndex(
                name: "ix_facebook_leadgens_lead_id",
                table: "facebook_leadgens",
                column: "lead_id");

            migrationBuilder.CreateIndex(
                name: "ix_facebook_leadgens_leadgen_id",
                table: "facebook_leadgens",
                column: "leadgen_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_facebook_leadgens_next_attempt_at",
                table: "facebook_leadgens",
                column: "next_attempt_at",
                filter: "status = 'pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "facebook_leadgens");

            migrationBuilder.DropColumn(
                name: "facebook_ad_ids",
                table: "ad_campaigns");

            migrationBuilder.DropColumn(
                name: "facebook_form_ids",
                table: "ad_campaigns");
        }
    }
}
