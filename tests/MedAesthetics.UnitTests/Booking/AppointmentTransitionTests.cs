using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Booking;
using NodaTime;

namespace MedAesthetics.UnitTests.Booking;

public sealed class AppointmentTransitionTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 5, 10, 8, 0);
    private static readonly Duration Notice = Duration.FromHours(24);
    private static readonly ServiceInfo Service = new(Guid.NewGuid(), Guid.NewGuid(), "Botox", 30, 250m, "EUR", 5, 10, null, 150);

    private static Appointment Confirmed() =>
        Appointment.Book(BookingSlot.For(Service, Guid.NewGuid(), Start), Guid.NewGuid(), Guid.NewGuid(), null, null, Start - Duration.FromDays(3));

    [Fact]
    public void A_slot_occupies_the_service_widened_by_its_buffers()
    {
        var slot = BookingSlot.For(Service, Guid.NewGuid(), Start);

        Assert.Equal(Start + Duration.FromMinutes(30), slot.End);
        Assert.Equal(Start - Duration.FromMinutes(5), slot.OccupiedFrom);
        Assert.Equal(Start + Duration.FromMinutes(40), slot.OccupiedTo);
        Assert.Equal(250m, slot.Price);
    }

    [Fact]
    public void A_hold_confirms_once_and_not_after_it_expires()
    {
        var expires = Start - Duration.FromDays(1);
        var hold = Appointment.Hold(BookingSlot.For(Service, Guid.NewGuid(), Start), null, Guid.NewGuid(), expires);
        Assert.Equal("This hold has expired; hold the slot again.", hold.Confirm(Guid.NewGuid(), null, 250m, "EUR", null, expires));

        var live = Appointment.Hold(BookingSlot.For(Service, Guid.NewGuid(), Start), null, Guid.NewGuid(), expires);
        Assert.Null(live.Confirm(Guid.NewGuid(), null, 260m, "EUR", null, expires - Duration.FromMinutes(1)));
        Assert.Equal(AppointmentStatus.Confirmed, live.Status);
        Assert.Equal(260m, live.Price);
        Assert.Equal("This hold has already been used or released.", live.Confirm(Guid.NewGuid(), null, 260m, "EUR", null, expires - Duration.FromMinutes(1)));
    }

    [Fact]
    public void Clients_cancel_until_24_hours_before_and_staff_later()
    {
        Assert.Null(Confirmed().Cancel(null, byClient: true, Start - Notice, Notice));
        Assert.Equal("Clients may cancel until 24 hours before the start; call the clinic.",
            Confirmed().Cancel(null, byClient: true, Start - Notice + Duration.FromSeconds(1), Notice));
        Assert.Null(Confirmed().Cancel(null, byClient: false, Start + Duration.FromHours(1), Notice));
    }

    [Fact]
    public void Complete_and_no_show_need_the_start_to_have_come()
    {
        Assert.Equal("An appointment cannot be completed before it starts.", Confirmed().Complete(null, null, Start - Duration.FromSeconds(1)));
        Assert.Equal("A client can be a no-show only after the start.", Confirmed().MarkNoShow(Start - Duration.FromSeconds(1)));
        var completed = Confirmed();
        Assert.Null(completed.Complete(null, null, Start));
        Assert.Equal(250m, completed.AmountPaid);
        Assert.Null(Confirmed().MarkNoShow(Start));
    }

    [Fact]
    public void Only_a_confirmed_appointment_moves_on()
    {
        var cancelled = Confirmed();
        Assert.Null(cancelled.Cancel(null, false, Start, Notice));

        Assert.Equal("A cancelled appointment cannot be completed.", cancelled.Complete(null, null, Start));
        Assert.Equal("A cancelled appointment cannot be marked as a no-show.", cancelled.MarkNoShow(Start));
        Assert.Equal("A cancelled appointment cannot be cancelled.", cancelled.Cancel(null, false, Start, Notice));
        Assert.Equal("A cancelled appointment cannot be rescheduled.",
            cancelled.Reschedule(BookingSlot.For(Service, Guid.NewGuid(), Start + Duration.FromDays(1)), false, Start, Notice));
    }

    [Fact]
    public void Rescheduling_keeps_the_price_paid_at_booking()
    {
        var appointment = Confirmed();
        var dearer = Service with { Price = 300m };

        Assert.Null(appointment.Reschedule(BookingSlot.For(dearer, appointment.ProviderId, Start + Duration.FromDays(2)), true, Start - Duration.FromDays(2), Notice));

        Assert.Equal(250m, appointment.Price);
        Assert.Equal(Start + Duration.FromDays(2), appointment.Start);
    }
}
