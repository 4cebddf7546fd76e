using GtmGuard.LoadTests.Hosting;

namespace GtmGuard.LoadTests.Tests.Hosting;

/// <summary>The options a run hands its external simulators: what the child reads is what the runner configured.</summary>
public sealed class SimulatorOptionsFileTests
{
    [Fact]
    public void TheLoadTestSimulatorOptions_SurviveTheFile_Unchanged()
    {
        var options = SystemUnderTest.DefaultSimulators();
        options.Outreach.Enabled = false;
        options.HubSpot.TenSecondLimit = 190;
        options.Clay.EnrichmentDelay = TimeSpan.FromMilliseconds(750);

        var written = SimulatorOptionsFile.Write(options);
        var read = SimulatorOptionsFile.Read(written);

        Assert.Equal(written, SimulatorOptionsFile.Write(read));
        Assert.False(read.Outreach.Enabled);
        Assert.Equal(190, read.HubSpot.TenSecondLimit);
        Assert.Equal(TimeSpan.FromMilliseconds(750), read.Clay.EnrichmentDelay);
        Assert.Equal(0, read.HubSpot.Port);
        var table = Assert.Single(read.Clay.Tables);
        Assert.Equal((SystemUnderTest.TableId, SystemUnderTest.SourceId), (table.Id, table.WebhookSourceId));
        Assert.Equal(options.Outreach.Sequences.Length, read.Outreach.Sequences.Length);
    }

    [Fact]
    public void AnEmptyOptionsFile_IsAClearError()
    {
        var error = Assert.Throws<InvalidDataException>(() => SimulatorOptionsFile.Read("null"));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }
}
