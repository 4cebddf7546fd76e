using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Webhooks;

/// <summary>Wakes idle inbox workers when the intake stores new events, so processing does not wait for the next poll.</summary>
internal sealed class InboxSignal(IOptions<InboxProcessorOptions> options)
{
    private readonly Channel<byte> _wakeUps = Channel.CreateBounded<byte>(new BoundedChannelOptions(options.Value.Workers) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wakeUps.Writer.TryWrite(0);

    /// <summary>Returns on a notification or after <paramref name="timeout"/> on <paramref name="clock"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, clock, wait.Token);
        var wakeUp = _wakeUps.Reader.WaitToReadAsync(wait.Token).AsTask();
        await Task.WhenAny(delay, wakeUp).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false);
        _wakeUps.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
