using Microsoft.AspNetCore.Mvc;

namespace Rollcall.Endpoints;

/// <summary>What a feature service returns: a value, or a problem the endpoint passes on as it is.</summary>
internal readonly record struct Outcome<T>(T? Value, ProblemDetails? Problem)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(ProblemDetails problem) => new(default, problem);

    /// <summary>The value turned into another, or the same problem.</summary>
    public Outcome<TOther> Select<TOther>(Func<T, TOther> map) => Value is { } value ? new(map(value), null) : new(default, Problem);
}
