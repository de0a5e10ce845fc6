using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAesthetics.Api.Platform.Persistence.Migrations
{
    /// <summary>
    /// <c>membership_versions</c>: a one-row version bumped by a statement trigger on every change to what a staff
    /// member's clinics are made of (<c>clinics</c>, for owners and soft deletion; <c>clinic_staff</c>;
    /// <c>agent_clinic_access</c>), however the change is made, so each node's cache of callers' clinics
    /// (ClinicMembershipCache) can drop what it holds when it moves.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261202040000_MembershipVersions")]
    public partial class MembershipVersions : Migration
    {
        private static readonly string[] MembershipTables = ["clinics", "clinic_staff", "agent_clinic_access"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE membership_versions (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
                INSERT INTO membership_versions VALUES (1, 1);
                CREATE FUNCTION bump_membership_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE membership_versions SET version = version + 1 WHERE id = 1;
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in MembershipTables)
                migrationBuilder.Sql($"CREATE TRIGGER trg_{table}_membership_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION bump_membership_version();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in MembershipTables)
                migrationBuilder.Sql($"DROP TRIGGER trg_{table}_membership_version ON {table};");
            migrationBuilder.Sql("DROP FUNCTION bump_membership_version(); DROP TABLE membership_versions;");
        }
    }
}
