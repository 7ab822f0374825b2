using Rollcall.Data.Directory;

namespace Rollcall.Tests.Directory;

public sealed class IbanTests
{
    [Theory]
    [InlineData("DE89370400440532013000")]
    [InlineData("de89 3704 0044 0532 0130 00")]
    [InlineData("GB82WEST12345698765432")]
    [InlineData("AT611904300234573201")]
    [InlineData("NO9386011117947")]
    public void IsValid_WellFormedWithRightCheckDigits_True(string iban) => Assert.True(Iban.IsValid(iban));

    [Theory]
    [InlineData("DE89370400440532013001")]
    [InlineData("DE88370400440532013000")]
    [InlineData("DE8937040044053201300X!")]
    [InlineData("8937040044053201300000")]
    [InlineData("DE89")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValid_BrokenOrWrongCheckDigits_False(string? iban) => Assert.False(Iban.IsValid(iban));

    [Theory]
    [InlineData("DE89370400440532013000", "DE89 •••• •••• •••• 3000")]
    [InlineData("de89 3704 0044 0532 0130 00", "DE89 •••• •••• •••• 3000")]
    [InlineData("NO9386011117947", "NO93 •••• 7947")]
    public void Mask_KeepsCountryCheckDigitsAndLastFour(string iban, string masked) => Assert.Equal(masked, Iban.Mask(iban));
}
