using MedAesthetics.Api.Modules.Clinics;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.IntegrationTests.Booking;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Clinics;

public sealed class ClinicRetentionTests(BookingApi api) : IClassFixture<BookingApi>
{
    private Task SoftDeleteAsync(string table, Guid id, Duration ago)
    {
        var at = api.Clock.GetCurrentInstant() - ago;
        return api.WithDbAsync(db => table == "clinics"
            ? db.Database.ExecuteSqlAsync($"UPDATE clinics SET deleted_at = {at} WHERE id = {id}")
            : db.Database.ExecuteSqlAsync($"UPDATE services SET deleted_at = {at} WHERE id = {id}"));
    }

    [Fact]
    public async Task Deleted_clinics_and_services_are_purged_after_30_days_unless_the_books_refer_to_them()
    {
        api.Clock.Reset(Infrastructure.ApiFactory.DefaultStart);
        var booked = await BookingWorld.CreateAsync(api);
        var (_, client) = await booked.NewClientAsync();
        await booked.BookAsync(client, BookingWorld.At(2026, 3, 9, 11));   // the long service, at the booked clinic
        var empty = await BookingWorld.CreateAsync(api);
        var young = await BookingWorld.CreateAsync(api);

        await SoftDeleteAsync("services", booked.LongServiceId, Duration.FromDays(31));    // kept: an appointment refers to it
        await SoftDeleteAsync("services", booked.ShortServiceId, Duration.FromDays(31));   // purged: nothing refers to it
        await SoftDeleteAsync("clinics", booked.ClinicId, Duration.FromDays(31));          // kept: its appointment
        await SoftDeleteAsync("clinics", empty.ClinicId, Duration.FromDays(31));           // purged, with its services
        await SoftDeleteAsync("clinics", young.ClinicId, Duration.FromDays(29));           // kept: not old enough

        await api.RunJobAsync<DataRetentionJob>();

        var clinics = await api.WithDbAsync(db => db.Set<Clinic>().IgnoreQueryFilters().Select(c => c.Id).ToListAsync());
        var services = await api.WithDbAsync(db => db.Set<Service>().IgnoreQueryFilters().Select(s => s.Id).ToListAsync());
        Assert.Contains(booked.ClinicId, clinics);
        Assert.Contains(young.ClinicId, clinics);
        Assert.DoesNotContain(empty.ClinicId, clinics);
        Assert.Contains(booked.LongServiceId, services);
        Assert.DoesNotContain(booked.ShortServiceId, services);
        Assert.DoesNotContain(empty.LongServiceId, services);
        Assert.Contains(young.LongServiceId, services);
    }
}
