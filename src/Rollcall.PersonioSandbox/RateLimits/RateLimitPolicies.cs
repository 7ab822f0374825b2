namespace Rollcall.PersonioSandbox.RateLimits;

internal enum RateLimitPolicies { V1Auth, V1Employees, V2Token, V2Data }
