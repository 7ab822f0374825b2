using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Rollcall.Pages.Localization;

/// <summary>ASP.NET Core Identity's errors (English only) in the page's language, by Identity's stable error codes.</summary>
internal static class IdentityTexts
{
    public static string Of(IStringLocalizer t, IdentityError error, PasswordOptions password) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordMismatch) => t["The current password is wrong."],
        nameof(IdentityErrorDescriber.PasswordTooShort) => t["The new password must have at least {0} characters.", password.RequiredLength],
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => t["The new password must use at least {0} different characters.", password.RequiredUniqueChars],
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => t["The new password must have at least one character that is not a letter or digit."],
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => t["The new password must have at least one digit."],
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => t["The new password must have at least one lowercase letter."],
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => t["The new password must have at least one uppercase letter."],
        _ => error.Description,
    };
}
