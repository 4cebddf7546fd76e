namespace GtmGuard.Cli.Up;

/// <summary>Fires once everything the lead stream needs is in place (the simulators' webhooks point at the intake).</summary>
internal sealed class StartSignal
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public void Fire() => _ready.TrySetResult();
}
