using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace MedAesthetics.Bench;

/// <summary>A contact of a generated lead, kept (a sample) so the HTTP scenarios can search for it and send duplicates of it.</summary>
public sealed record LeadContactSample(string FirstName, string LastName, string? Email, string? Phone);

public sealed record GenerationResult(
    int Leads, double TotalSeconds, double CopySeconds, double IndexSeconds, double AnalyzeSeconds,
    long TableBytes, long IndexBytes, IReadOnlyList<LeadContactSample> Samples);

/// <summary>
/// Writes N realistic leads straight into PostgreSQL with binary COPY. The leads table's secondary indexes are dropped
/// first and recreated afterwards from their own definitions (checked to be identical), two at a time; RI triggers are
/// skipped for the loading session (every reference is to a row that exists). Then VACUUM ANALYZE, as autovacuum would.
/// </summary>
public sealed class LeadGenerator(string connectionString, int count, int seed = 20261124)
{
    // Greek first names (transliterated); aesthetics leads are mostly women.
    private static readonly string[] FemaleFirst =
    [
        "Maria", "Eleni", "Katerina", "Sofia", "Georgia", "Ioanna", "Dimitra", "Vasiliki", "Angeliki", "Christina",
        "Anna", "Despina", "Zoe", "Irini", "Athina", "Konstantina", "Panagiota", "Evangelia", "Alexandra", "Paraskevi",
        "Stavroula", "Theodora", "Fotini", "Chrysa", "Kalliopi", "Efthymia", "Anastasia", "Marina", "Niki", "Varvara",
        "Stella", "Myrto", "Danai", "Ariadni", "Nefeli", "Afroditi", "Penelope", "Xanthi", "Lydia", "Melina",
    ];

    private static readonly string[] MaleFirst =
    [
        "Nikos", "Giorgos", "Kostas", "Yannis", "Panagiotis", "Dimitris", "Christos", "Vasilis", "Thanasis", "Michalis",
        "Stelios", "Manolis", "Spyros", "Andreas", "Petros", "Alexandros", "Stavros", "Antonis", "Theodoros", "Ilias",
    ];

    // (male, female) forms of Greek surnames.
    private static readonly (string Male, string Female)[] Surnames =
    [
        ("Papadopoulos", "Papadopoulou"), ("Georgiou", "Georgiou"), ("Oikonomou", "Oikonomou"), ("Papadakis", "Papadaki"),
        ("Konstantinou", "Konstantinou"), ("Dimitriou", "Dimitriou"), ("Nikolaou", "Nikolaou"), ("Ioannou", "Ioannou"),
        ("Vlachos", "Vlachou"), ("Pappas", "Pappa"), ("Makris", "Makri"), ("Angelopoulos", "Angelopoulou"),
        ("Karagiannis", "Karagianni"), ("Alexiou", "Alexiou"), ("Christodoulou", "Christodoulou"), ("Papanikolaou", "Papanikolaou"),
        ("Antoniou", "Antoniou"), ("Vasileiou", "Vasileiou"), ("Athanasiou", "Athanasiou"), ("Michailidis", "Michailidou"),
        ("Petridis", "Petridou"), ("Theodorou", "Theodorou"), ("Kyriakou", "Kyriakou"), ("Papageorgiou", "Papageorgiou"),
        ("Stavropoulos", "Stavropoulou"), ("Nikolopoulos", "Nikolopoulou"), ("Dimopoulos", "Dimopoulou"), ("Panagiotopoulos", "Panagiotopoulou"),
        ("Kostopoulos", "Kostopoulou"), ("Giannopoulos", "Giannopoulou"), ("Triantafyllou", "Triantafyllou"), ("Apostolou", "Apostolou"),
        ("Karamanlis", "Karamanli"), ("Lamprou", "Lamprou"), ("Mavridis", "Mavridou"), ("Sotiropoulos", "Sotiropoulou"),
        ("Zervas", "Zerva"), ("Tsakiris", "Tsakiri"), ("Galanis", "Galani"), ("Kalogeropoulos", "Kalogeropoulou"),
        ("Manolakis", "Manolaki"), ("Spanos", "Spanou"), ("Fotiou", "Fotiou"), ("Chatzis", "Chatzi"),
        ("Anagnostou", "Anagnostou"), ("Tsoukalas", "Tsoukala"), ("Markou", "Markou"), ("Raptis", "Rapti"),
        ("Samaras", "Samara"), ("Kouris", "Kouri"), ("Bakas", "Baka"), ("Lazaridis", "Lazaridou"),
        ("Economidis", "Economidou"), ("Roussos", "Roussou"), ("Stamatiou", "Stamatiou"), ("Xenakis", "Xenaki"),
        ("Drakos", "Drakou"), ("Gkikas", "Gkika"), ("Hatzidakis", "Hatzidaki"), ("Moraitis", "Moraiti"),
    ];

    private static readonly string[] Domains = ["gmail.com", "gmail.com", "gmail.com", "yahoo.gr", "hotmail.com", "outlook.com", "otenet.gr", "icloud.com"];
    private static readonly string[] MobilePrefixes = ["690", "691", "693", "694", "695", "697", "698", "699"];
    private static readonly (string Source, int Weight)[] Sources =
        [("facebook", 35), ("instagram", 25), ("google", 15), ("tiktok", 7), ("website", 8), ("referral", 4), ("walk_in", 2), ("phone", 3), ("other", 1)];
    private static readonly string[][] TagSets = [["botox"], ["fillers"], ["laser"], ["vip"], ["botox", "vip"], ["hair_transplant"]];

    private static readonly string[] Columns =
    [
        "id", "first_name", "last_name", "email", "phone", "source", "status", "clinic_id", "campaign_id", "assigned_to_id",
        "assigned_at", "tags", "status_changed_at", "converted_at", "created_at", "updated_at",
    ];

    public async Task<GenerationResult> RunAsync(Action<string> log)
    {
        var total = Stopwatch.StartNew();
        await using var data = NpgsqlDataSource.Create(connectionString);
        Guid clinicId, salesId;
        Guid? campaignId;
        await using (var conn = await data.OpenConnectionAsync())
        {
            clinicId = await Scalar<Guid>(conn, "SELECT id FROM clinics WHERE name = 'Aesthetica Athens'");
            salesId = await Scalar<Guid>(conn, "SELECT id FROM users WHERE email = 'sales@demo.local'");
            campaignId = await Scalar<Guid?>(conn, "SELECT id FROM ad_campaigns ORDER BY created_at LIMIT 1");
        }

        // 1. Secondary indexes out (definitions kept), so COPY only writes the heap and the primary key.
        List<(string Name, string Definition)> indexes = [];
        await using (var conn = await data.OpenConnectionAsync())
        {
            await using (var cmd = new NpgsqlCommand(
                             "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'leads' AND indexname <> 'pk_leads' ORDER BY indexname", conn))
            await using (var reader = await cmd.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    indexes.Add((reader.GetString(0), reader.GetString(1)));
            foreach (var (name, _) in indexes)
                await Exec(conn, $"DROP INDEX \"{name}\"");
        }

        // 2. COPY, in creation order (ids are UUIDv7 of created_at, as the API makes them).
        var copy = Stopwatch.StartNew();
        var samples = new List<LeadContactSample>();
        await using (var conn = await data.OpenConnectionAsync())
        {
            await Exec(conn, "SET session_replication_role = replica"); // skip RI triggers: every reference exists
            using var importer = conn.BeginBinaryImport($"COPY leads ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)");
            var random = new Random(seed);
            var now = DateTime.UtcNow;
            var start = now.AddDays(-90);
            var span = (now - start).Ticks;
            var taken = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var createdAt = new DateTime(start.Ticks + (long)((double)span * i / count) + random.NextInt64(TimeSpan.TicksPerMinute), DateTimeKind.Utc);
                if (createdAt > now) createdAt = now;
                var female = random.Next(100) < 82;
                var first = female ? FemaleFirst[random.Next(FemaleFirst.Length)] : MaleFirst[random.Next(MaleFirst.Length)];
                var surname = Surnames[random.Next(Surnames.Length)];
                var last = female ? surname.Female : surname.Male;
                var hasEmail = random.Next(100) < 85;
                var hasPhone = !hasEmail || random.Next(100) < 88;
                string? email = null;
                if (hasEmail)
                {
                    // i makes each address unique; real data repeats people too, intake's duplicate detection handles that.
                    email = random.Next(3) switch
                    {
                        0 => $"{first}.{last}{i % 9973}",
                        1 => $"{first[0]}{last}{i % 997}.{i / 997 % 1000}",
                        _ => $"{last}.{first}{i}",
                    };
                    email = $"{email.ToLowerInvariant()}@{Domains[random.Next(Domains.Length)]}";
                }
                string? phone = null;
                if (hasPhone)
                {
                    do phone = $"+30{MobilePrefixes[random.Next(MobilePrefixes.Length)]}{random.Next(10_000_000):D7}";
                    while (!taken.Add(phone));
                }
                var ageDays = (now - createdAt).TotalDays;
                var status = StatusFor(random, ageDays);
                var statusChangedAt = status == "new" ? createdAt : createdAt.AddMinutes(random.Next(10, (int)Math.Max(11, Math.Min(ageDays, 14) * 1440)));
                if (statusChangedAt > now) statusChangedAt = now;
                var ofClinic = i % 2 == 0;
                var source = Pick(random, Sources);
                var assigned = random.Next(100) < 35;
                var tags = random.Next(100) < 15 ? TagSets[random.Next(TagSets.Length)] : [];

                importer.StartRow();
                importer.Write(Guid.CreateVersion7(new DateTimeOffset(createdAt)), NpgsqlDbType.Uuid);
                importer.Write(first, NpgsqlDbType.Varchar);
                importer.Write(last, NpgsqlDbType.Varchar);
                WriteNullable(importer, email, NpgsqlDbType.Citext);
                WriteNullable(importer, phone, NpgsqlDbType.Varchar);
                importer.Write(source, NpgsqlDbType.Varchar);
                importer.Write(status, NpgsqlDbType.Varchar);
                if (ofClinic) importer.Write(clinicId, NpgsqlDbType.Uuid); else importer.WriteNull();
                if (ofClinic && campaignId is { } campaign && source == "facebook" && random.Next(4) == 0)
                    importer.Write(campaign, NpgsqlDbType.Uuid);
                else
                    importer.WriteNull();
                if (assigned)
                {
                    importer.Write(salesId, NpgsqlDbType.Uuid);
                    importer.Write(createdAt, NpgsqlDbType.TimestampTz);
                }
                else
                {
                    importer.WriteNull();
                    importer.WriteNull();
                }
                importer.Write(tags, NpgsqlDbType.Array | NpgsqlDbType.Text);
                importer.Write(statusChangedAt, NpgsqlDbType.TimestampTz);
                if (status == "converted") importer.Write(statusChangedAt, NpgsqlDbType.TimestampTz); else importer.WriteNull();
                importer.Write(createdAt, NpgsqlDbType.TimestampTz);
                importer.Write(statusChangedAt, NpgsqlDbType.TimestampTz);

                if (i % 997 == 0)
                    samples.Add(new LeadContactSample(first, last, email, phone));
                if (i > 0 && i % 250_000 == 0)
                    log($"  {i:N0} leads written ({copy.Elapsed.TotalSeconds:F1} s)");
            }
            importer.Complete();
        }
        copy.Stop();
        log($"  COPY of {count:N0} leads: {copy.Elapsed.TotalSeconds:F1} s");

        // 3. Indexes back, two builds at a time (2 cores); the trigram index is the long one, so it gets a lane of its own.
        var indexTime = Stopwatch.StartNew();
        var heavy = indexes.Where(x => x.Definition.Contains("gin_trgm_ops", StringComparison.Ordinal)).ToList();
        var rest = indexes.Except(heavy).ToList();
        await Task.WhenAll(BuildAsync(data, heavy), BuildAsync(data, rest));
        indexTime.Stop();
        log($"  {indexes.Count} indexes rebuilt: {indexTime.Elapsed.TotalSeconds:F1} s");

        var analyze = Stopwatch.StartNew();
        long tableBytes, indexBytes;
        await using (var conn = await data.OpenConnectionAsync())
        {
            // COPY ran with session_replication_role = replica, so the trigger keeping salesperson_loads did not fire:
            // recompute the loads as the migration that made the table does (when the schema has it).
            if (await Scalar<bool>(conn, "SELECT to_regclass('salesperson_loads') IS NOT NULL"))
                await Exec(conn, """
                INSERT INTO salesperson_loads (user_id, open_leads, last_assigned_at)
                SELECT assigned_to_id,
                       count(*) FILTER (WHERE deleted_at IS NULL AND status IN ('new', 'contacted', 'qualified', 'booked')),
                       max(assigned_at) FILTER (WHERE deleted_at IS NULL)
                FROM leads WHERE assigned_to_id IS NOT NULL GROUP BY assigned_to_id
                ON CONFLICT (user_id) DO UPDATE SET open_leads = EXCLUDED.open_leads, last_assigned_at = EXCLUDED.last_assigned_at
                """);
            // Likewise the report figures, with the LeadFigures migration's own rebuild: every lead once, compacted into the
            // hourly and daily figures in time order, as a live system's minutes would write them.
            if (await Scalar<bool>(conn, "SELECT to_regprocedure('rebuild_lead_figures()') IS NOT NULL"))
            {
                await Exec(conn, "SELECT rebuild_lead_figures()");
                await Exec(conn, "VACUUM (ANALYZE) lead_figure_changes, lead_hourly_figures, lead_daily_figures, lead_weekly_figures");
            }
            await Exec(conn, "VACUUM (ANALYZE) leads");
            var after = new List<(string, string)>();
            await using (var cmd = new NpgsqlCommand(
                             "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'leads' AND indexname <> 'pk_leads' ORDER BY indexname", conn))
            await using (var reader = await cmd.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    after.Add((reader.GetString(0), reader.GetString(1)));
            // Names, not definitions: PostgreSQL may print a recreated index's predicate in another (equivalent) form.
            if (!after.Select(x => x.Item1).SequenceEqual(indexes.Select(x => x.Item1)))
                throw new InvalidOperationException("The leads indexes after loading differ from those before: "
                    + string.Join("; ", indexes.Except(after).Select(x => $"missing {x}")) + " "
                    + string.Join("; ", after.Except(indexes).Select(x => $"unexpected {x}")));
            tableBytes = await Scalar<long>(conn, "SELECT pg_table_size('leads')");
            indexBytes = await Scalar<long>(conn, "SELECT pg_indexes_size('leads')");
        }
        analyze.Stop();
        log($"  VACUUM ANALYZE: {analyze.Elapsed.TotalSeconds:F1} s");
        return new GenerationResult(count, total.Elapsed.TotalSeconds, copy.Elapsed.TotalSeconds, indexTime.Elapsed.TotalSeconds,
            analyze.Elapsed.TotalSeconds, tableBytes, indexBytes, samples);
    }

    /// <summary>Recent leads are mostly new; older ones have moved along the pipeline.</summary>
    private static string StatusFor(Random random, double ageDays)
    {
        var r = random.Next(100);
        if (ageDays < 2)
            return r < 70 ? "new" : r < 95 ? "contacted" : "qualified";
        if (ageDays < 14)
            return r < 15 ? "new" : r < 55 ? "contacted" : r < 70 ? "qualified" : r < 80 ? "booked" : r < 85 ? "converted" : "lost";
        return r < 5 ? "new" : r < 30 ? "contacted" : r < 40 ? "qualified" : r < 48 ? "booked" : r < 63 ? "converted" : "lost";
    }

    private static string Pick(Random random, (string Value, int Weight)[] weighted)
    {
        var r = random.Next(weighted.Sum(w => w.Weight));
        foreach (var (value, weight) in weighted)
        {
            if (r < weight) return value;
            r -= weight;
        }
        return weighted[^1].Value;
    }

    private static void WriteNullable(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type)
    {
        if (value is null) importer.WriteNull();
        else importer.Write(value, type);
    }

    private static async Task BuildAsync(NpgsqlDataSource data, List<(string Name, string Definition)> indexes)
    {
        if (indexes.Count == 0) return;
        await using var conn = await data.OpenConnectionAsync();
        await Exec(conn, "SET maintenance_work_mem = '512MB'");
        await Exec(conn, "SET max_parallel_maintenance_workers = 0");
        foreach (var (_, definition) in indexes)
            await Exec(conn, definition);
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        var value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }
}
