using Rollcall.Data.Directory;

namespace Rollcall.PaymentData;

/// <summary>A user's payment data, opened.</summary>
internal sealed record UserPaymentData(PaymentValue Iban, PaymentValue PersonnelNumber, PaymentValue CreditorNumber)
{
    /// <summary>Some field's key is gone: shown as unreadable, rewritten from Personio or by an admin.</summary>
    public bool IsUnreadable => Iban.IsUnreadable || PersonnelNumber.IsUnreadable || CreditorNumber.IsUnreadable;

    /// <summary>The camelCase names of the fields that cannot be opened.</summary>
    public IReadOnlyList<string> UnreadableFields =>
        [.. new[] { ("iban", Iban), ("personnelNumber", PersonnelNumber), ("creditorNumber", CreditorNumber) }.Where(f => f.Item2.IsUnreadable).Select(f => f.Item1)];
}

/// <summary>The only way code reads or writes a user's sealed payment-data columns.</summary>
internal static class PaymentDataAccess
{
    public static UserPaymentData PaymentDataOf(this PaymentDataSeal seal, DirectoryUser user) =>
        new(seal.Read(user.SealedIban), seal.Read(user.SealedPersonnelNumber), seal.Read(user.SealedCreditorNumber));

    /// <summary>
    /// Stores <paramref name="value"/> sealed unless the field holds it already (sealing the same value twice gives
    /// different text, which would be a write without a change). True when it changed.
    /// </summary>
    public static bool SetIban(this PaymentDataSeal seal, DirectoryUser user, string? value) =>
        Set(seal, user.SealedIban, value, v => user.SealedIban = v);

    public static bool SetPersonnelNumber(this PaymentDataSeal seal, DirectoryUser user, string? value) =>
        Set(seal, user.SealedPersonnelNumber, value, v => user.SealedPersonnelNumber = v);

    public static bool SetCreditorNumber(this PaymentDataSeal seal, DirectoryUser user, string? value) =>
        Set(seal, user.SealedCreditorNumber, value, v => user.SealedCreditorNumber = v);

    private static bool Set(PaymentDataSeal seal, string? stored, string? value, Action<string?> store)
    {
        if (!seal.Read(stored).DiffersFrom(value))
        {
            return false;
        }

        store(seal.Seal(value));
        return true;
    }
}
