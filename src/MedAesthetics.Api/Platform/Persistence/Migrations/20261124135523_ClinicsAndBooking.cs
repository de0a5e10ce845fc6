using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace MedAesthetics.Api.Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ClinicsAndBooking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clinics",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    timezone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    country_code = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: true),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    deleted_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clinics", x => x.id);
                    table.ForeignKey(
                        name: "fk_clinics_user_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "agent_clinic_access",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    clinic_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_clinic_access", x => x.id);
                    table.ForeignKey(
                        name: "fk_agent_clinic_access_clinic_clinic_id",
                        column: x => x.clinic_id,
                        principalTable: "clinics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_agent_clinic_access_user_agent_user_id",
                        column: x => x.agent_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "blocked_slots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    clinic_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: true),
                    start = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    end = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blocked_slots", x => x.id);
                    table.CheckConstraint("ck_blocked_slots_order", "start < \"end\"");
                    table.ForeignKey(
                        name: "fk_blocked_slots_clinic_clinic_id",
                        column: x => x.clinic_id,
                        principalTable: "clinics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_blocked_slots_user_provider_id",
                        column: x => x.provider_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "clinic_staff",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    clinic_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clinic_staff", x => x.id);
                    table.CheckConstraint("ck_clinic_staff_role", "role IN ('doctor', 'secretariat')");
                    table.ForeignKey(
                        name: "fk_clinic_staff_clinics_clinic_id",
                        column: x => x.clinic_id,
                        principalTable: "clinics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_clinic_staff_user_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    clinic_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    duration_minutes = table.Column<int>(type: "integer", nullable: false),
                    price = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    buffer_before_minutes = table.Column<int>(type: "integer", nullable: false),
                    buffer_after_minutes = table.Column<int>(type: "integer", nullable: false),
                    loyalty_points = table.Column<int>(type: "integer", nullable: true),
                    repeat_after_days = table.Column<int>(type: "integer", nullable: true),
                    deleted_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services", x => x.id);
                    table.CheckConstraint("ck_services_buffers", "buffer_before_minutes BETWEEN 0 AND 120 AND buffer_after_minutes BETWEEN 0 AND 120");
                    table.CheckConstraint("ck_services_duration", "duration_minutes BETWEEN 5 AND 480 AND duration_minutes % 5 = 0");
                    table.CheckConstraint("ck_services_loyalty_points", "loyalty_points IS NULL OR loyalty_points >= 0");
                    table.CheckConstraint("ck_services_price", "price >= 0");
                    table.CheckConstraint("ck_services_repeat_after_days", "repeat_after_days IS NULL OR repeat_after_days > 0");
                    table.ForeignKey(
                        name: "fk_services_clinics_clinic_id",
                        column: x => x.clinic_id,
                        principalTable: "clinics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "working_hours",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    clinic_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day_of_week = table.Column<int>(type: "integer", nullable: false),
                    start_time = table.Column<LocalTime>(type: "time", nullable: false),
                    end_time = table.Column<LocalTime>(type: "time", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_working_hours", x => x.id);
                    table.CheckConstraint("ck_working_hours_day", "day_of_week BETWEEN 1 AND 7");
                    table.CheckConstraint("ck_working_hours_order", "start_time < end_time");
                    table.ForeignKey(
                        name: "fk_working_hours_clinics_clinic_id",
                        column: x => x.clinic_id,
                        principalTable: "clinics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_working_hours_user_provider_id",
                        column: x => x.provider_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "appointments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    clinic_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    start = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    end = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    occupied_from = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    occupied_to = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    hold_expires_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    price = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    amount_paid = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    series_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    confirmed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    cancellation_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    completed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointments", x => x.id);
                    table.CheckConstraint("ck_appointments_client", "status IN ('held', 'expired') OR client_id IS NOT NULL");
                    table.CheckConstraint("ck_appointments_hold_expiry", "status <> 'held' OR hold_expires_at IS NOT NULL");
                    table.CheckConstraint("ck_appointments_occupied_order", "occupied_from <= start AND occupied_to >= \"end\"");
                    table.CheckConstraint("ck_appointments_price", "price >= 0 AND (amount_paid IS NULL OR amount_paid >= 0)");
                    table.CheckConstraint("ck_appointments_service_order", "start < \"end\"");
                    table.CheckConstraint("ck_appointments_status", "status IN ('held', 'confirmed', 'completed', 'cancelled', 'no_show', 'expired')");
                    table.ForeignKey(
                        name: "fk_appointments_clinic_clinic_id",
                        column: x => x.clinic_id,
                        principalTable: "clinics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_appointments_service_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_appointments_user_client_id",
                        column: x => x.client_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_appointments_user_provider_id",
                        column: x => x.provider_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "provider_services",
                columns: table => new
                {
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    clinic_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provider_services", x => new { x.provider_id, x.service_id });
                    table.ForeignKey(
                        name: "fk_provider_services_clinics_clinic_id",
                        column: x => x.clinic_id,
                        principalTable: "clinics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_provider_services_service_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_provider_services_user_provider_id",
                        column: x => x.provider_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agent_clinic_access_agent_user_id",
                table: "agent_clinic_access",
                column: "agent_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_agent_clinic_access_agent_user_id_clinic_id",
                table: "agent_clinic_access",
                columns: new[] { "agent_user_id", "clinic_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_agent_clinic_access_clinic_id",
                table: "agent_clinic_access",
                column: "clinic_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointments_client_id_start",
                table: "appointments",
                columns: new[] { "client_id", "start" });

            migrationBuilder.CreateIndex(
                name: "ix_appointments_clinic_id_start",
                table: "appointments",
                columns: new[] { "clinic_id", "start" });

            migrationBuilder.CreateIndex(
                name: "ix_appointments_hold_expires_at",
                table: "appointments",
                column: "hold_expires_at",
                filter: "status = 'held'");

            migrationBuilder.CreateIndex(
                name: "ix_appointments_provider_id_start",
                table: "appointments",
                columns: new[] { "provider_id", "start" });

            migrationBuilder.CreateIndex(
                name: "ix_appointments_series_id",
                table: "appointments",
                column: "series_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointments_service_id",
                table: "appointments",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_blocked_slots_clinic_id_start_end",
                table: "blocked_slots",
                columns: new[] { "clinic_id", "start", "end" });

            migrationBuilder.CreateIndex(
                name: "ix_blocked_slots_provider_id",
                table: "blocked_slots",
                column: "provider_id");

            migrationBuilder.CreateIndex(
                name: "ix_clinic_staff_clinic_id_user_id",
                table: "clinic_staff",
                columns: new[] { "clinic_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_clinic_staff_user_id",
                table: "clinic_staff",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_clinics_owner_id",
                table: "clinics",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_provider_services_clinic_id",
                table: "provider_services",
                column: "clinic_id");

            migrationBuilder.CreateIndex(
                name: "ix_provider_services_service_id",
                table: "provider_services",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_services_clinic_id",
                table: "services",
                column: "clinic_id");

            migrationBuilder.CreateIndex(
                name: "ix_working_hours_clinic_id_provider_id_day_of_week",
                table: "working_hours",
                columns: new[] { "clinic_id", "provider_id", "day_of_week" });

            migrationBuilder.CreateIndex(
                name: "ix_working_hours_provider_id",
                table: "working_hours",
                column: "provider_id");

            // Written by hand: EF cannot express exclusion constraints. No two live holds or confirmed appointments of
            // one provider may overlap, buffers included, whatever the application does.
            migrationBuilder.Sql("""
                ALTER TABLE appointments ADD CONSTRAINT ex_appointments_provider_no_overlap
                EXCLUDE USING gist (provider_id WITH =, tstzrange(occupied_from, occupied_to, '[)') WITH &&)
                WHERE (status IN ('held', 'confirmed'));
                """);
            // A provider's intervals of one weekday never overlap.
            migrationBuilder.Sql("""
                ALTER TABLE working_hours ADD CONSTRAINT ex_working_hours_no_overlap
                EXCLUDE USING gist (clinic_id WITH =, provider_id WITH =, day_of_week WITH =,
                                    tsrange(DATE '2000-01-01' + start_time, DATE '2000-01-01' + end_time, '[)') WITH &&);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE appointments DROP CONSTRAINT IF EXISTS ex_appointments_provider_no_overlap;");
            migrationBuilder.Sql("ALTER TABLE working_hours DROP CONSTRAINT IF EXISTS ex_working_hours_no_overlap;");
            migrationBuilder.DropTable(
                name: "agent_clinic_access");

            migrationBuilder.DropTable(
                name: "appointments");

            migrationBuilder.DropTable(
                name: "blocked_slots");

            migrationBuilder.DropTable(
                name: "clinic_staff");

            migrationBuilder.DropTable(
                name: "provider_services");

            migrationBuilder.DropTable(
                name: "working_hours");

            migrationBuilder.DropTable(
                name: "services");

            migrationBuilder.DropTable(
                name: "clinics");
        }
    }
}
