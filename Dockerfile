# Rollcall's container image: built with the .NET SDK, run on the ASP.NET Core runtime as a non-root user.
#   docker build -t rollcall .            (from the repository root)
#   docker run -p 8080:8080 -v rollcall-data:/app/data rollcall
# Several nodes on PostgreSQL behind a TLS proxy: compose.yaml. Settings are environment variables (Section__Key).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# Build settings and project files first, so a change of code does not repeat the restore. global.json is left out:
# it pins the SDK of developers' machines, and the image brings its own.
COPY Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/Rollcall/Rollcall.csproj src/Rollcall/
COPY src/Rollcall.Data/Rollcall.Data.csproj src/Rollcall.Data/
COPY src/Rollcall.Migrations.Sqlite/Rollcall.Migrations.Sqlite.csproj src/Rollcall.Migrations.Sqlite/
COPY src/Rollcall.Migrations.Postgres/Rollcall.Migrations.Postgres.csproj src/Rollcall.Migrations.Postgres/
RUN dotnet restore src/Rollcall/Rollcall.csproj
COPY src/Rollcall/ src/Rollcall/
COPY src/Rollcall.Data/ src/Rollcall.Data/
COPY src/Rollcall.Migrations.Sqlite/ src/Rollcall.Migrations.Sqlite/
COPY src/Rollcall.Migrations.Postgres/ src/Rollcall.Migrations.Postgres/
RUN dotnet publish src/Rollcall/Rollcall.csproj --no-restore -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The data folder (SQLite file, mail folder) belongs to the image's non-root user ($APP_UID, "app").
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Database__DataDirectory=/app/data \
    Mail__Folder=/app/data/mail
EXPOSE 8080
VOLUME ["/app/data"]
ENTRYPOINT ["dotnet", "Rollcall.dll"]
