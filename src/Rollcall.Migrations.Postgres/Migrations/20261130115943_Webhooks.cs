using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Rollcall.Migrations.Postgres.Migrations
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Targeted",
                table: "SyncRuns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeltaReadUntil",
                table: "PersonioIntegrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastEventAt",
                table: "PersonioIntegrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WebhookId",
                table: "PersonioIntegrations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WebhookPreviousTokenHash",
                table: "PersonioIntegrations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WebhookPreviousTokenUntil",
                table: "PersonioIntegrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WebhookProblem",
                table: "PersonioIntegrations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WebhookRegisteredAt",
                table: "PersonioIntegrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WebhookTokenHash",
                table: "PersonioIntegrations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WebhookEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EventName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: true),
                    EmploymentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RunId = table.Column<Guid>(type: "uuid", nullable: true)
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
