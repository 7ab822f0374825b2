using Microsoft.Playwright;

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by the test script) driven by Playwright; no browser is
/// downloaded. Screenshots go to <c>artifacts/screenshots/</c> as test artifacts.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const int Phone = 480;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly string _screenshots;
    private readonly BrowserNewContextOptions _options;
    private int _shot;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page, string screenshots, BrowserNewContextOptions options)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        _screenshots = screenshots;
        _options = options;
    }

    public IPage Page { get; }

    /// <summary>
    /// A browser on <paramref name="baseUrl"/>; <paramref name="locale"/> (such as de-DE) sets its language, as Accept-Language;
    /// <paramref name="width"/> the viewport's width in CSS pixels (1280 a desktop, 375 a phone, which also gets a phone's height and touch).
    /// </summary>
    public static async Task<BrowserSession> StartAsync(Uri baseUrl, string scenario, string? locale = null, int width = 1280)
    {
        Assert.True(File.Exists(Chromium), $"Browser tests need Debian's Chromium at {Chromium}; scripts/test installs it.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var options = new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString().TrimEnd('/'), ViewportSize = new() { Width = width, Height = width <= Phone ? 812 : 900 }, Locale = locale,
            IsMobile = width <= Phone, HasTouch = width <= Phone,
        };
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots", scenario);
        System.IO.Directory.CreateDirectory(folder);
        return new BrowserSession(playwright, browser, await NewPageAsync(browser, options), folder, options);
    }

    /// <summary>
    /// A page in a context of its own (no cookies shared with <see cref="Page"/>) on the same browser and viewport, with
    /// <paramref name="locale"/> as its language: for a test that visits as someone else or in another language without starting another browser.
    /// </summary>
    public Task<IPage> NewPageAsync(string? locale) =>
        NewPageAsync(_browser, new BrowserNewContextOptions(_options) { Locale = locale });

    private static async Task<IPage> NewPageAsync(IBrowser browser, BrowserNewContextOptions options)
    {
        var context = await browser.NewContextAsync(options);
        // A page load on a busy two-core machine running the whole suite can take longer than Playwright's 30 s default.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>Logs <paramref name="email"/> in on <paramref name="page"/> with the test password, and waits until the login page is left.</summary>
    public static async Task LogInAsync(IPage page, string email)
    {
        await page.GotoAsync("/login");
        await page.Locator("input[name='Email']").FillAsync(email);
        await page.Locator("input[name='Password']").FillAsync(RollcallApp.Password);
        await page.Locator("input[name='Password']").PressAsync("Enter");
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
    }

    /// <summary>Saves a full-page screenshot named after the step, numbered in order.</summary>
    public Task ScreenshotAsync(string step) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_screenshots, $"{++_shot:00}-{step}.png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Rollcall.slnx")))
            {
                return folder.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
