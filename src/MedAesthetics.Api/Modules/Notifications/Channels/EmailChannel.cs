using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace MedAesthetics.Api.Modules.Notifications.Channels;

/// <summary>Email over SMTP with MailKit: STARTTLS when the server offers it (TLS on connect at port 465), a text and an HTML part.</summary>
public sealed class EmailChannel(ChannelSettings settings) : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public string? Unconfigured =>
        settings.SmtpHost is null || settings.MailFrom is null ? "email is not configured (SMTP_HOST and MAIL_FROM)" : null;

    public string? CannotReach(Recipient recipient) => recipient.Email.Length == 0 ? "the user has no email address" : null;

    public async Task<SendResult> SendAsync(OutgoingMessage message, Recipient recipient, CancellationToken cancellationToken)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(settings.MailFrom!));
        mail.To.Add(MailboxAddress.Parse(recipient.Email));
        mail.Subject = message.Title;
        mail.Headers.Add("X-Notification-Id", message.NotificationId.ToString());
        mail.Body = new BodyBuilder
        {
            TextBody = $"{message.Body}\n",
            HtmlBody = $"<!DOCTYPE html><html><body><h1>{WebUtility.HtmlEncode(message.Title)}</h1><p>{WebUtility.HtmlEncode(message.Body)}</p></body></html>",
        }.ToMessageBody();

        using var smtp = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            var security = settings.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
            await smtp.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, cancellationToken);
            if (settings.SmtpUser is not null)
                await smtp.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
            await smtp.SendAsync(mail, cancellationToken);
            await smtp.DisconnectAsync(true, cancellationToken);
            return SendResult.Sent;
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            return SendResult.Reject($"SMTP refused: {(int)e.StatusCode} {SendResult.Trim(e.Message)}");
        }
        catch (AuthenticationException e)
        {
            return SendResult.Reject($"SMTP authentication failed: {SendResult.Trim(e.Message)}");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException or TimeoutException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return SendResult.Retry($"SMTP failed: {SendResult.Trim(e.Message)}");
        }
    }
}
