using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rollcall.Migrations.Postgres.Migrations
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
            migrationBuilder.AlterColumn<string>(
                name: "Reason",
                table: "SyncRunSteps",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Reason",
                table: "SyncRuns",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000,
                oldNullable: true);

            foreach (var table in Tables)
            {
                migrationBuilder.Sql($$"""
                    UPDATE "{{table}}" SET "Reason" = json_build_object('key', 'text', 'args', json_build_array("Reason"))::text
                    WHERE "Reason" IS NOT NULL AND "Reason" NOT LIKE '{%';
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                // Texts longer than the old column are cut to it.
                migrationBuilder.Sql($$"""
                    UPDATE "{{table}}" SET "Reason" = left("Reason"::json->'args'->>0, 1000)
                    WHERE "Reason" LIKE '{%' AND "Reason"::json->>'key' = 'text';
                    UPDATE "{{table}}" SET "Reason" = left("Reason", 1000);
                    """);
            }

            migrationBuilder.AlterColumn<string>(
                name: "Reason",
                table: "SyncRunSteps",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Reason",
                table: "SyncRuns",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
        }
    }
}
