using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rollcall.Migrations.Postgres.Migrations
{
    /// <summary>Import rules (scope of legal entities, offices, departments; externals; early invitations), proposed rules on previews, and the explorer's decision per person.</summary>
    public partial class ScopeAndPeople : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProposedRules",
                table: "SyncRuns",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ImportExternals",
                table: "PersonioIntegrations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "OnboardingInviteDays",
                table: "PersonioIntegrations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "PersonioIntegrations",
                type: "text",
                nullable: false,
                defaultValue: "{\"legalEntities\":{\"mode\":\"include\",\"ids\":[]},\"offices\":{\"mode\":\"include\",\"ids\":[]},\"departments\":{\"mode\":\"include\",\"ids\":[]}}");

            migrationBuilder.CreateTable(
                name: "PersonDecisions",
                columns: table => new
                {
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonioEmployeeId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    SearchText = table.Column<string>(type: "character varying(760)", maxLength: 760, nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    EmploymentType = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    HireDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LegalEntityId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LegalEntityName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OfficeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    OfficeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DepartmentName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    ReasonCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonDecisions", x => new { x.CompanyId, x.PersonioEmployeeId });
                    table.ForeignKey(
                        name: "FK_PersonDecisions_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PersonDecisions_CompanyId_DepartmentId",
                table: "PersonDecisions",
                columns: new[] { "CompanyId", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonDecisions_CompanyId_LegalEntityId",
                table: "PersonDecisions",
                columns: new[] { "CompanyId", "LegalEntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonDecisions_CompanyId_OfficeId",
                table: "PersonDecisions",
                columns: new[] { "CompanyId", "OfficeId" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonDecisions_CompanyId_Outcome",
                table: "PersonDecisions",
                columns: new[] { "CompanyId", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonDecisions_CompanyId_ReasonCode",
                table: "PersonDecisions",
                columns: new[] { "CompanyId", "ReasonCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PersonDecisions");

            migrationBuilder.DropColumn(
                name: "ProposedRules",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "ImportExternals",
                table: "PersonioIntegrations");

            migrationBuilder.DropColumn(
                name: "OnboardingInviteDays",
                table: "PersonioIntegrations");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "PersonioIntegrations");
        }
    }
}
