namespace GtmGuard.Simulators.Salesforce;

/// <summary>The inverse of every change made in one all-or-none operation, replayed backwards on rollback.</summary>
internal sealed class SalesforceUndoLog
{
    private readonly List<Action> _undo = [];

    public void Record(Action undo) => _undo.Add(undo);

    public void Rollback()
    {
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            _undo[i]();
        }

        _undo.Clear();
    }
}
