using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rollcall.Migrations.Postgres.Migrations
{
    /// <summary>Where users sit: legal entity, office, department, team, cost centers (existing users: none), supervisor and manager.</summary>
    public partial class OrgData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CostCenters",
                table: "DirectoryUsers",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "DepartmentId",
                table: "DirectoryUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DepartmentName",
                table: "DirectoryUsers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalEntityId",
                table: "DirectoryUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalEntityName",
                table: "DirectoryUsers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ManagerId",
                table: "DirectoryUsers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OfficeId",
                table: "DirectoryUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OfficeName",
                table: "DirectoryUsers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrimaryCostCenterId",
                table: "DirectoryUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SupervisorEmployeeId",
                table: "DirectoryUsers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TeamId",
                table: "DirectoryUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TeamName",
                table: "DirectoryUsers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_CompanyId_DepartmentId",
                table: "DirectoryUsers",
                columns: new[] { "CompanyId", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_CompanyId_LegalEntityId",
                table: "DirectoryUsers",
                columns: new[] { "CompanyId", "LegalEntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_CompanyId_OfficeId",
                table: "DirectoryUsers",
                columns: new[] { "CompanyId", "OfficeId" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_CompanyId_PrimaryCostCenterId",
                table: "DirectoryUsers",
                columns: new[] { "CompanyId", "PrimaryCostCenterId" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_CompanyId_TeamId",
                table: "DirectoryUsers",
                columns: new[] { "CompanyId", "TeamId" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_ManagerId",
                table: "DirectoryUsers",
                column: "ManagerId");

            migrationBuilder.AddForeignKey(
                name: "FK_DirectoryUsers_DirectoryUsers_ManagerId",
                table: "DirectoryUsers",
                column: "ManagerId",
                principalTable: "DirectoryUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_DirectoryUsers_DirectoryUsers_ManagerId",
                table: "DirectoryUsers");

            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_CompanyId_DepartmentId",
                table: "DirectoryUsers");

            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_CompanyId_LegalEntityId",
                table: "DirectoryUsers");

            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_CompanyId_OfficeId",
                table: "DirectoryUsers");

            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_CompanyId_PrimaryCostCenterId",
                table: "DirectoryUsers");

            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_CompanyId_TeamId",
                table: "DirectoryUsers");

            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_ManagerId",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "CostCenters",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "DepartmentId",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "DepartmentName",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "LegalEntityId",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "LegalEntityName",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "ManagerId",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "OfficeId",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "OfficeName",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "PrimaryCostCenterId",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "SupervisorEmployeeId",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "TeamName",
                table: "DirectoryUsers");
        }
    }
}
