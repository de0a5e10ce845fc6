using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace MedAesthetics.Api.Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TasksAndReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "appointment_reminders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hours_before = table.Column<int>(type: "integer", nullable: false),
                    due_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    sent_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointment_reminders", x => x.id);
                    table.CheckConstraint("ck_appointment_reminders_hours", "hours_before > 0");
                    table.CheckConstraint("ck_appointment_reminders_status", "status IN ('pending', 'sent', 'dropped')");
                    table.ForeignKey(
                        name: "fk_appointment_reminders_appointments_appointment_id",
                        column: x => x.appointment_id,
                        principalTable: "appointments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "repeat_treatment_checks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    clinic_id = table.Column<Guid>(type: "uuid", nullable: false),
                    completed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    checked_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_repeat_treatment_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    priority = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    due_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    assignee_id = table.Column<Guid>(type: "uuid", nullable: true),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: true),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    client_id = table.Column<Guid>(type: "uuid", nullable: true),
                    clinic_id = table.Column<Guid>(type: "uuid", nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    rule = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    rule_key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    completed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tasks", x => x.id);
                    table.CheckConstraint("ck_tasks_completed", "(status = 'done') = (completed_at IS NOT NULL)");
                    table.CheckConstraint("ck_tasks_priority", "priority IN ('low', 'normal', 'high')");
                    table.CheckConstraint("ck_tasks_status", "status IN ('open', 'in_progress', 'done', 'cancelled')");
                    table.CheckConstraint("ck_tasks_type", "type IN ('call', 'follow_up', 'reminder', 'email', 'meeting', 'other')");
                    table.ForeignKey(
                        name: "fk_tasks_clinics_clinic_id",
                        column: x => x.clinic_id,
                        principalTable: "clinics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_tasks_users_assignee_id",
                        column: x => x.assignee_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_tasks_users_client_id",
                        column: x => x.client_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_appointment_reminders_appointment_id_hours_before",
                table: "appointment_reminders",
                columns: new[] { "appointment_id", "hours_before" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_appointment_reminders_due_at",
                table: "appointment_reminders",
                column: "due_at",
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "ix_repeat_treatment_checks_appointment_id",
                table: "repeat_treatment_checks",
                column: "appointment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_repeat_treatment_checks_due_at",
                table: "repeat_treatment_checks",
                column: "due_at",
                filter: "checked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_appointment_id",
                table: "tasks",
                column: "appointment_id");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_assignee_id_status_due_at",
                table: "tasks",
                columns: new[] { "assignee_id", "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_client_id",
                table: "tasks",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_clinic_id",
                table: "tasks",
                column: "clinic_id");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_lead_id",
                table: "tasks",
                column: "lead_id");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_rule_key",
                table: "tasks",
                column: "rule_key",
                unique: true,
                filter: "rule_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_status_due_at",
                table: "tasks",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ux_tasks_open_rule_appointment",
                table: "tasks",
                columns: new[] { "rule", "appointment_id" },
                unique: true,
                filter: "rule IS NOT NULL AND appointment_id IS NOT NULL AND status IN ('open', 'in_progress')");

            migrationBuilder.CreateIndex(
                name: "ux_tasks_open_rule_lead",
                table: "tasks",
                columns: new[] { "rule", "lead_id" },
                unique: true,
                filter: "rule IS NOT NULL AND lead_id IS NOT NULL AND status IN ('open', 'in_progress')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appointment_reminders");

            migrationBuilder.DropTable(
                name: "repeat_treatment_checks");

            migrationBuilder.DropTable(
                name: "tasks");
        }
    }
}
