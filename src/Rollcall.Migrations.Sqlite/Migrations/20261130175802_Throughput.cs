using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rollcall.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Throughput : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RepeatedWarnings",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PaymentFingerprint",
                table: "DirectoryUsers",
                type: "TEXT",
                maxLength: 92,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InstallationSecrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SealedValue = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstallationSecrets", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "StandingWarnings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonioEmployeeId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReasonCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    SinceRunId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandingWarnings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StandingWarnings_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StandingWarnings_CompanyId_PersonioEmployeeId",
                table: "StandingWarnings",
                columns: new[] { "CompanyId", "PersonioEmployeeId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InstallationSecrets");

            migrationBuilder.DropTable(
                name: "StandingWarnings");

            migrationBuilder.DropColumn(
                name: "RepeatedWarnings",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "PaymentFingerprint",
                table: "DirectoryUsers");
        }
    }
}
