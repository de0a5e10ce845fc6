namespace MedAesthetics.Api.Platform.Jobs;

/// <summary>
/// The sweep of a "send what is due" job: takes batches of due ids and hands each to the single-item worker (which
/// claims it with FOR UPDATE SKIP LOCKED), until a batch brings nothing new. An id seen once is not tried again in the
/// same sweep, so a record that stays due (another node holds it, or it was retried at once) cannot loop forever.
/// </summary>
public static class DueSweep
{
    /// <returns>How many items the worker reported as done.</returns>
    public static async Task<int> RunAsync(Func<Task<List<Guid>>> nextBatch, Func<Guid, Task<bool>> work)
    {
        var done = 0;
        var seen = new HashSet<Guid>();
        List<Guid> due;
        do
        {
            due = await nextBatch();
            due.RemoveAll(id => !seen.Add(id));
            foreach (var id in due)
                if (await work(id))
                    done++;
        } while (due.Count > 0);
        return done;
    }
}
