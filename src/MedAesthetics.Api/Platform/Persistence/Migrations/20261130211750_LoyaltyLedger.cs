using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace MedAesthetics.Api.Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LoyaltyLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "loyalty_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    balance = table.Column<long>(type: "bigint", nullable: false),
                    lifetime_points = table.Column<long>(type: "bigint", nullable: false),
                    tier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    referral_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    referred_by_client_id = table.Column<Guid>(type: "uuid", nullable: true),
                    entry_count = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loyalty_accounts", x => x.id);
                    table.CheckConstraint("ck_loyalty_accounts_balance", "balance >= 0");
                    table.CheckConstraint("ck_loyalty_accounts_entry_count", "entry_count >= 0");
                    table.CheckConstraint("ck_loyalty_accounts_lifetime_points", "lifetime_points >= 0");
                    table.CheckConstraint("ck_loyalty_accounts_tier", "tier IN ('bronze', 'silver', 'gold', 'platinum')");
                    table.ForeignKey(
                        name: "fk_loyalty_accounts_users_client_id",
                        column: x => x.client_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_loyalty_accounts_users_referred_by_client_id",
                        column: x => x.referred_by_client_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "loyalty_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    points = table.Column<int>(type: "integer", nullable: false),
                    balance_after = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    clinic_id = table.Column<Guid>(type: "uuid", nullable: true),
                    expires_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    remaining = table.Column<int>(type: "integer", nullable: true),
                    lot_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    notice_sent_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loyalty_entries", x => x.id);
                    table.CheckConstraint("ck_loyalty_entries_balance_after", "balance_after >= 0");
                    table.CheckConstraint("ck_loyalty_entries_expire_lot", "(type = 'expire') = (lot_id IS NOT NULL)");
                    table.CheckConstraint("ck_loyalty_entries_lot", "(points > 0) = (remaining IS NOT NULL) AND (remaining IS NULL) = (expires_at IS NULL)");
                    table.CheckConstraint("ck_loyalty_entries_remaining", "remaining IS NULL OR (remaining >= 0 AND remaining <= points)");
                    table.CheckConstraint("ck_loyalty_entries_sign", "(type = 'earn' AND points > 0) OR (type IN ('redeem', 'expire') AND points < 0) OR (type = 'adjust' AND points <> 0)");
                    table.CheckConstraint("ck_loyalty_entries_type", "type IN ('earn', 'redeem', 'expire', 'adjust')");
                    table.ForeignKey(
                        name: "fk_loyalty_entries_loyalty_entries_lot_id",
                        column: x => x.lot_id,
                        principalTable: "loyalty_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_loyalty_entries_users_client_id",
                        column: x => x.client_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "loyalty_redemptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_by = table.Column<Guid>(type: "uuid", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    request_fingerprint = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    points = table.Column<int>(type: "integer", nullable: false),
                    discount = table.Column<decimal>(type: "numeric(12,2)", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    balance_after = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loyalty_redemptions", x => x.id);
                    table.CheckConstraint("ck_loyalty_redemptions_points", "points > 0 AND discount >= 0");
                    table.ForeignKey(
                        name: "fk_loyalty_redemptions_loyalty_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "loyalty_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_loyalty_redemptions_users_client_id",
                        column: x => x.client_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_accounts_client_id",
                table: "loyalty_accounts",
                column: "client_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_accounts_referral_code",
                table: "loyalty_accounts",
                column: "referral_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_accounts_referred_by_client_id",
                table: "loyalty_accounts",
                column: "referred_by_client_id");

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_entries_appointment_id",
                table: "loyalty_entries",
                column: "appointment_id");

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_entries_client_id_sequence",
                table: "loyalty_entries",
                columns: new[] { "client_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_entries_created_at_type",
                table: "loyalty_entries",
                columns: new[] { "created_at", "type" });

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_entries_lot_id",
                table: "loyalty_entries",
                column: "lot_id");

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_entries_lots_by_expiry",
                table: "loyalty_entries",
                column: "expires_at",
                filter: "remaining > 0");

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_entries_open_lots",
                table: "loyalty_entries",
                columns: new[] { "client_id", "expires_at" },
                filter: "remaining > 0");

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_entries_source_key",
                table: "loyalty_entries",
                column: "source_key",
                unique: true,
                filter: "source_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_redemptions_client_id",
                table: "loyalty_redemptions",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_redemptions_entry_id",
                table: "loyalty_redemptions",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_loyalty_redemptions_requested_by_idempotency_key",
                table: "loyalty_redemptions",
                columns: new[] { "requested_by", "idempotency_key" },
                unique: true);

            // The ledger is append-only: no entry is deleted, and after the insert only a lot's remainder (downwards)
            // and its expiry-notice mark may change.
            migrationBuilder.Sql("""
                CREATE FUNCTION loyalty_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        RAISE EXCEPTION 'loyalty_entries is append-only: entry % cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
                    END IF;
                    IF NEW.id <> OLD.id OR NEW.client_id <> OLD.client_id OR NEW.sequence <> OLD.sequence OR NEW.type <> OLD.type
                       OR NEW.points <> OLD.points OR NEW.balance_after <> OLD.balance_after OR NEW.created_at <> OLD.created_at
                       OR NEW.expires_at IS DISTINCT FROM OLD.expires_at OR NEW.appointment_id IS DISTINCT FROM OLD.appointment_id
                       OR NEW.clinic_id IS DISTINCT FROM OLD.clinic_id OR NEW.lot_id IS DISTINCT FROM OLD.lot_id
                       OR NEW.source_key IS DISTINCT FROM OLD.source_key OR NEW.reason IS DISTINCT FROM OLD.reason
                       OR NEW.remaining > OLD.remaining THEN
                        RAISE EXCEPTION 'loyalty_entries is append-only: entry % may only spend its remainder', OLD.id USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER loyalty_entries_append_only BEFORE UPDATE OR DELETE ON loyalty_entries
                    FOR EACH ROW EXECUTE FUNCTION loyalty_entries_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS loyalty_entries_append_only ON loyalty_entries; DROP FUNCTION IF EXISTS loyalty_entries_append_only();");

            migrationBuilder.DropTable(
                name: "loyalty_accounts");

            migrationBuilder.DropTable(
                name: "loyalty_redemptions");

            migrationBuilder.DropTable(
                name: "loyalty_entries");
        }
    }
}
