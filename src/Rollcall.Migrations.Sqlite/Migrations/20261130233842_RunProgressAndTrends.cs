using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rollcall.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RunProgressAndTrends : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PagesRead",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PagesTotal",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PersonioRequests",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PersonioThrottled",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Phase",
                table: "SyncRuns",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "ProgressAt",
                table: "SyncRuns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StepsApplied",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "StepsPlanned",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "UsersActive",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UsersDeactivated",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UsersInvited",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: true);

            // Runs recorded before phases were: a running run is starting, one held for an admin waits, any other is finished.
            migrationBuilder.Sql("""
                UPDATE "SyncRuns" SET "Phase" = CASE "State" WHEN 'running' THEN 'starting' WHEN 'needsapproval' THEN 'waitingforapproval' ELSE 'finished' END
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PagesRead",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "PagesTotal",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "PersonioRequests",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "PersonioThrottled",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "Phase",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "ProgressAt",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "StepsApplied",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "StepsPlanned",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "UsersActive",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "UsersDeactivated",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "UsersInvited",
                table: "SyncRuns");
        }
    }
}
