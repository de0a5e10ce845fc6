using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedAesthetics.Api.Platform.Persistence.Migrations
{
    /// <summary>
    /// A finer sample for <c>leads.search_text</c>: with the default 100 histogram entries PostgreSQL guesses that any
    /// <c>LIKE '%papad%'</c> matches about 100 rows, so for a common name (33,000 of a million leads) it fetches every
    /// match through the trigram index and sorts them for a page of 50 (96 ms). With 1,000 entries it sees how common the
    /// term is and walks the newest leads instead (under 1 ms), while a rare term still goes through the trigram index.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261201031500_LeadSearchStatistics")]
    public partial class LeadSearchStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE leads ALTER COLUMN search_text SET STATISTICS 1000;");
            migrationBuilder.Sql("ANALYZE leads;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("ALTER TABLE leads ALTER COLUMN search_text SET STATISTICS -1;");
    }
}
