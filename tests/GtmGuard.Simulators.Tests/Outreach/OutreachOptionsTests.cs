using System.ComponentModel.DataAnnotations;
using GtmGuard.Simulators.Outreach;

namespace GtmGuard.Simulators.Tests.Outreach;

public sealed class OutreachOptionsTests
{
    private static List<ValidationResult> Validate(OutreachOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Defaults_AreValid_AndMatchOutreach()
    {
        var options = new OutreachOptions();

        var results = Validate(options);

        Assert.Empty(results);
        Assert.Equal(5103, options.Port);
        Assert.Equal(TimeSpan.FromHours(2), options.AccessTokenLifetime);
        Assert.Equal(TimeSpan.FromDays(14), options.RefreshTokenLifetime);
        Assert.Equal(10_000, options.RequestsPerHour);
    }

    [Fact]
    public void DuplicateSeedIds_BadSeedsAndNoMailbox_AreReported()
    {
        var options = new OutreachOptions
        {
            Sequences = [new() { Id = 1, Name = "A" }, new() { Id = 1, Name = "B" }, new() { Id = 2, Name = "" }],
            Mailboxes = [],
        };

        var messages = Validate(options).Select(r => r.ErrorMessage).ToList();

        Assert.Contains(messages, m => m!.Contains("id 1 is used more than once", StringComparison.Ordinal));
        Assert.Contains(messages, m => m!.StartsWith("Sequences:", StringComparison.Ordinal) && m.Contains("Name", StringComparison.Ordinal));
        Assert.Contains(messages, m => m!.Contains("At least one mailbox", StringComparison.Ordinal));
    }
}
