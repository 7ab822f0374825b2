using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Rollcall.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PaymentDataAndAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAt",
                table: "SyncRunSteps",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "SyncRunSteps",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SealedValues",
                table: "SyncRunSteps",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "UndoOfRunId",
                table: "SyncRuns",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "UndoneByRunId",
                table: "SyncRuns",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PaymentGuardMinimum",
                table: "PersonioIntegrations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PaymentGuardPercent",
                table: "PersonioIntegrations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<string>(
                name: "PersonnelNumber",
                table: "DirectoryUsers",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Iban",
                table: "DirectoryUsers",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(34)",
                oldMaxLength: 34,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "CreditorNumber",
                table: "DirectoryUsers",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "DirectoryUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PaymentDataErasedAt",
                table: "DirectoryUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PaymentDataRetentionDays",
                table: "Companies",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiresAt",
                table: "ApiKeys",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ReadOnly",
                table: "ApiKeys",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AccountSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    SignInMethod = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountSessions_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConfigurationChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActorName = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Changes = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConfigurationChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConfigurationChanges_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SyncRunSteps_CompanyId_Status",
                table: "SyncRunSteps",
                columns: new[] { "CompanyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_UndoOfRunId",
                table: "SyncRuns",
                column: "UndoOfRunId");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_Status_DeactivatedAt",
                table: "DirectoryUsers",
                columns: new[] { "Status", "DeactivatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountSessions_AccountId",
                table: "AccountSessions",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_ConfigurationChanges_CompanyId_At",
                table: "ConfigurationChanges",
                columns: new[] { "CompanyId", "At" });

            // Users deactivated before this migration: their last change is the best known time of the deactivation.
            migrationBuilder.Sql("UPDATE \"DirectoryUsers\" SET \"DeactivatedAt\" = \"UpdatedAt\" WHERE \"Status\" = 'deactivated'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountSessions");

            migrationBuilder.DropTable(
                name: "ConfigurationChanges");

            migrationBuilder.DropIndex(
                name: "IX_SyncRunSteps_CompanyId_Status",
                table: "SyncRunSteps");

            migrationBuilder.DropIndex(
                name: "IX_SyncRuns_UndoOfRunId",
                table: "SyncRuns");

            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_Status_DeactivatedAt",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "SyncRunSteps");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "SyncRunSteps");

            migrationBuilder.DropColumn(
                name: "SealedValues",
                table: "SyncRunSteps");

            migrationBuilder.DropColumn(
                name: "UndoOfRunId",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "UndoneByRunId",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "PaymentGuardMinimum",
                table: "PersonioIntegrations");

            migrationBuilder.DropColumn(
                name: "PaymentGuardPercent",
                table: "PersonioIntegrations");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "PaymentDataErasedAt",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "PaymentDataRetentionDays",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "ReadOnly",
                table: "ApiKeys");

            migrationBuilder.AlterColumn<string>(
                name: "PersonnelNumber",
                table: "DirectoryUsers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1024)",
                oldMaxLength: 1024,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Iban",
                table: "DirectoryUsers",
                type: "character varying(34)",
                maxLength: 34,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1024)",
                oldMaxLength: 1024,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "CreditorNumber",
                table: "DirectoryUsers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1024)",
                oldMaxLength: 1024,
                oldNullable: true);
        }
    }
}
