using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rollcall.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Run and step reasons become JSON reasons (a key and its arguments, rendered when shown); texts stored before
    /// become the reason <c>text</c>, shown as they are. Down turns those back into texts; newer reasons stay JSON.
    /// </summary>
    public partial class ReasonsAsCodes : Migration
    {
        private static readonly string[] Tables = ["SyncRuns", "SyncRunSteps"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($$"""
                    UPDATE "{{table}}" SET "Reason" = json_object('key', 'text', 'args', json_array("Reason"))
                    WHERE "Reason" IS NOT NULL AND "Reason" NOT LIKE '{%';
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($$"""
                    UPDATE "{{table}}" SET "Reason" = json_extract("Reason", '$.args[0]')
                    WHERE "Reason" LIKE '{%' AND json_valid("Reason") AND json_extract("Reason", '$.key') = 'text';
                    """);
            }
        }
    }
}
