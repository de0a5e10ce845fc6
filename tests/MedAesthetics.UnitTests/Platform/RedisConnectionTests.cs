using MedAesthetics.Api.Platform.Hosting;
using Microsoft.Extensions.Configuration;

namespace MedAesthetics.UnitTests.Platform;

public sealed class RedisConnectionTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Without_redis_settings_there_is_no_backplane() =>
        Assert.Null(RedisConnection.FromConfiguration(Config()));

    [Theory]
    [InlineData("redis://127.0.0.1:6380", "127.0.0.1:6380,abortConnect=false")]
    [InlineData("redis://cache", "cache:6379,abortConnect=false")]
    [InlineData("redis://:s3cret@cache:6379/2", "cache:6379,password=s3cret,defaultDatabase=2,abortConnect=false")]
    [InlineData("redis://app:p%40ss@cache:6379", "cache:6379,user=app,password=p@ss,abortConnect=false")]
    [InlineData("rediss://cache.example:6380", "cache.example:6380,ssl=true,abortConnect=false")]
    [InlineData("cache:6379,password=x", "cache:6379,password=x,abortConnect=false")]
    public void A_redis_url_becomes_a_stackexchange_configuration_that_tolerates_redis_being_down(string url, string expected) =>
        Assert.Equal(expected, RedisConnection.FromConfiguration(Config(("REDIS_URL", url))));

    [Fact]
    public void Redis_host_and_port_are_the_alternative_to_a_url() =>
        Assert.Equal("redis:6390,password=pw,abortConnect=false",
            RedisConnection.FromConfiguration(Config(("REDIS_HOST", "redis"), ("REDIS_PORT", "6390"), ("REDIS_PASSWORD", "pw"))));

    [Fact]
    public void Another_scheme_is_refused_at_start_up() =>
        Assert.Throws<InvalidOperationException>(() => RedisConnection.FromUrl("http://cache:6379"));

    [Fact]
    public void The_description_for_the_log_carries_no_password() =>
        Assert.Equal("cache:6379", RedisConnection.Describe(RedisConnection.FromUrl("redis://:s3cret@cache:6379")));
}
