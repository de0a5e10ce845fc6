using System.Diagnostics;
using MedAesthetics.Api.Platform.Auth;

namespace MedAesthetics.Api.Platform.Persistence;

/// <summary>
/// Who makes the changes of one scope, for the audit trail: the signed-in user of the request, or the platform itself
/// with the name of the job or event handler doing the work. Also where the request came from (IP, trace id).
/// </summary>
public sealed class ChangeActor(IHttpContextAccessor http)
{
    private string? _systemName;
    private int _suppressed;

    /// <summary>Marks the scope's work as the platform's own, done by this job or handler.</summary>
    public void ActAsSystem(string name) => _systemName = name;

    public Guid? UserId => _systemName is null && http.HttpContext?.User is { } principal ? Caller.FromPrincipal(principal)?.UserId : null;

    /// <summary>A user id, or "system:name".</summary>
    public string Name => UserId?.ToString() ?? $"system:{_systemName ?? "platform"}";

    public string? IpAddress => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? TraceId => Activity.Current?.TraceId.ToString() ?? http.HttpContext?.TraceIdentifier;

    /// <summary>While the returned scope is open the automatic trail records nothing: the caller writes its own entry (an erasure).</summary>
    public IDisposable SuppressAutomaticAudit()
    {
        _suppressed++;
        return new Release(this);
    }

    public bool AutomaticAuditSuppressed => _suppressed > 0;

    private sealed class Release(ChangeActor actor) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            actor._suppressed--;
        }
    }
}
