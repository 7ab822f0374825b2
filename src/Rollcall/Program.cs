using Rollcall.Hosting;

// Rollcall keeps each company's user directory in step with Personio.
// `Rollcall <verb> …` runs a command-line verb (create-company, create-api-key, sync, demo); anything else starts the server.
return await StartupErrors.ReportAsync(async () =>
{
    if (CommandLineVerbs.IsVerb(args))
    {
        return await CommandLineVerbs.RunAsync(args, RollcallHost.BuildVerbHostAsync, RollcallHost.Build);
    }

    var app = RollcallHost.Build(args);
    await app.RunAsync();
    return 0;
});

public partial class Program;
