using System.Text.Json;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Booking;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;

namespace MedAesthetics.UnitTests.Platform;

/// <summary>Enum columns and query values are the API's snake_case names, both ways, and nothing else is taken for one.</summary>
public sealed class EnumColumnsTests
{
    private static void EveryValueRoundTrips<TEnum>() where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            var text = EnumColumns.ToText(value);
            Assert.Equal(JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()), text);
            Assert.Equal(value, EnumColumns.FromText<TEnum>(text));
            Assert.Equal(value, EnumColumns.Parse<TEnum>(text));
        }
    }

    [Fact]
    public void Every_value_of_the_stored_enums_is_its_snake_case_name_both_ways()
    {
        EveryValueRoundTrips<LeadStatus>();
        EveryValueRoundTrips<LeadSource>();
        EveryValueRoundTrips<AppointmentStatus>();
        EveryValueRoundTrips<UserRole>();
        Assert.Equal("no_show", EnumColumns.ToText(AppointmentStatus.NoShow));
        Assert.Equal("walk_in", EnumColumns.ToText(LeadSource.WalkIn));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("New")]
    [InlineData("NoShow")]
    [InlineData(" new")]
    [InlineData("1")]
    public void Text_that_is_no_values_name_parses_to_nothing(string? text)
    {
        Assert.Null(EnumColumns.Parse<LeadStatus>(text));
        Assert.Null(EnumColumns.Parse<AppointmentStatus>(text));
    }

    [Fact]
    public void A_column_text_that_is_no_values_name_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => EnumColumns.FromText<LeadStatus>("archived"));

    [Fact]
    public void Names_lists_every_value_in_declaration_order() =>
        Assert.Equal("new, contacted, qualified, booked, converted, lost", EnumColumns.Names<LeadStatus>());
}
