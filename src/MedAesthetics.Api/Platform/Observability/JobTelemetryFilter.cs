using System.Diagnostics;
using Hangfire.Common;
using Hangfire.Server;

namespace MedAesthetics.Api.Platform.Observability;

/// <summary>
/// One activity per Hangfire job run (its database and HTTP spans nest under it) and the jobs-failed counter. Hangfire's
/// filters are process-wide, so it is registered once per process however many hosts a test starts.
/// </summary>
public sealed class JobTelemetryFilter : JobFilterAttribute, IServerFilter
{
    private const string ActivityKey = "medaesthetics.activity";
    private static int _registered;

    public static void RegisterOnce()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
            Hangfire.GlobalJobFilters.Filters.Add(new JobTelemetryFilter());
    }

    public void OnPerforming(PerformingContext context)
    {
        var activity = Telemetry.Source.StartActivity($"job {JobName(context)}");
        if (activity is null)
            return;
        activity.SetTag("job.id", context.BackgroundJob.Id);
        activity.SetTag("job.name", JobName(context));
        context.Items[ActivityKey] = activity;
    }

    public void OnPerformed(PerformedContext context)
    {
        var activity = context.Items.TryGetValue(ActivityKey, out var item) ? item as Activity : null;
        if (context.Exception is { } exception && !context.ExceptionHandled)
        {
            Telemetry.JobsFailed.Add(1, new KeyValuePair<string, object?>("job", JobName(context)));
            activity?.AddException(exception.InnerException ?? exception);
            activity?.SetStatus(ActivityStatusCode.Error, (exception.InnerException ?? exception).Message);
        }
        activity?.Dispose();
    }

    /// <summary>The recurring job's id (send-reminders, ...) or the job's Type.Method.</summary>
    private static string JobName(PerformContext context) =>
        context.GetJobParameter<string>("RecurringJobId")
        ?? $"{context.BackgroundJob.Job.Type.Name}.{context.BackgroundJob.Job.Method.Name}";
}
