namespace Rollcall.Undo;

internal static class UndoSetup
{
    public static IHostApplicationBuilder AddUndo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<RunUndo>();
        return builder;
    }
}
