using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rollcall.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Webhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Corrections",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Targeted",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeltaReadUntil",
                table: "PersonioIntegrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastEventAt",
                table: "PersonioIntegrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WebhookId",
                table: "PersonioIntegrations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WebhookPreviousTokenHash",
                table: "PersonioIntegrations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WebhookPreviousTokenUntil",
                table: "PersonioIntegrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WebhookProblem",
                table: "PersonioIntegrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WebhookRegisteredAt",
                table: "PersonioIntegrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WebhookTokenHash",
                table: "PersonioIntegrations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WebhookEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EventName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    EmploymentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookEvents_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookEvents_CompanyId_Fingerprint",
                table: "WebhookEvents",
                columns: new[] { "CompanyId", "Fingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookEvents_ProcessedAt_CompanyId_ReceivedAt",
                table: "WebhookEvents",
                columns: new[] { "ProcessedAt", "CompanyId", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WebhookEvents");

            migrationBuilder.DropColumn(
                name: "Corrections",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "Targeted",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "DeltaReadUntil",
                table: "PersonioIntegrations");

            migrationBuilder.DropColumn(
                name: "LastEventAt",
                table: "PersonioIntegrations");

            migrationBuilder.DropColumn(
                name: "WebhookId",
                table: "PersonioIntegrations");

            migrationBuilder.DropColumn(
                name: "WebhookPreviousTokenHash",
                table: "PersonioIntegrations");

            migrationBuilder.DropColumn(
                name: "WebhookPreviousTokenUntil",
                table: "PersonioIntegrations");

            migrationBuilder.DropColumn(
                name: "WebhookProblem",
                table: "PersonioIntegrations");

            migrationBuilder.DropColumn(
                name: "WebhookRegisteredAt",
                table: "PersonioIntegrations");

            migrationBuilder.DropColumn(
                name: "WebhookTokenHash",
                table: "PersonioIntegrations");
        }
    }
}
