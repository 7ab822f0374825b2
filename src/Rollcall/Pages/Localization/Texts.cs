namespace Rollcall.Pages.Localization;

/// <summary>
/// The pages' one resource set (<c>Resources/Pages/Localization/Texts.de.resx</c>). Keys are the English texts, so
/// English needs no resource file and a missing German text shows in English rather than as a code.
/// </summary>
internal sealed class Texts;
