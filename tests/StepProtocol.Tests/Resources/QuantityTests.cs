using Kueueleuleu.StepProtocol.Resources;

namespace Kueueleuleu.StepProtocol.Tests.Resources;

public sealed class QuantityTests
{
    /// <summary>Each row: a text, its exact value in base units, and its canonical text.</summary>
    public static TheoryData<string, decimal, string> Texts() => new()
    {
        { "0", 0m, "0" },
        { "-0", 0m, "0" },
        { "0Gi", 0m, "0" },
        { "1", 1m, "1" },
        { "+1", 1m, "1" },
        { "-1", -1m, "-1" },
        { "100m", 0.1m, "100m" },
        { "0.1", 0.1m, "100m" },
        { ".5", 0.5m, "500m" },
        { "5.", 5m, "5" },
        { "1.5", 1.5m, "1500m" },
        { "250m", 0.25m, "250m" },
        { "1500m", 1.5m, "1500m" },
        { "2000m", 2m, "2" },
        { "1e3", 1000m, "1k" },
        { "1E3", 1000m, "1k" },
        { "1e+3", 1000m, "1k" },
        { "1E-3", 0.001m, "1m" },
        { "1.e3", 1000m, "1k" },
        { "12e-1", 1.2m, "1200m" },
        { "1n", 0.000000001m, "1m" },
        { "1u", 0.000001m, "1m" },
        { "1001u", 0.001001m, "2m" },
        { "0.9995", 0.9995m, "1" },
        { "-1n", -0.000000001m, "-1m" },
        { "1k", 1000m, "1k" },
        { "1000", 1000m, "1k" },
        { "1025", 1025m, "1025" },
        { "2k", 2000m, "2k" },
        { "129M", 129_000_000m, "129M" },
        { "3G", 3_000_000_000m, "3G" },
        { "3000000000", 3_000_000_000m, "3G" },
        { "1T", 1e12m, "1T" },
        { "1P", 1e15m, "1P" },
        { "1E", 1e18m, "1E" },
        { "1000E", 1e21m, "1000E" },
        { "1Ki", 1024m, "1Ki" },
        { "1024", 1024m, "1024" },
        { "1.5Ki", 1536m, "1536" },
        { "1Mi", 1_048_576m, "1Mi" },
        { "1.5Gi", 1_610_612_736m, "1536Mi" },
        { "1024Mi", 1_073_741_824m, "1Gi" },
        { "1Ti", 1_099_511_627_776m, "1Ti" },
        { "1Pi", 1_125_899_906_842_624m, "1Pi" },
        { "1Ei", 1_152_921_504_606_846_976m, "1Ei" },
        { "1024Ei", 1_180_591_620_717_411_303_424m, "1024Ei" },
        { "0.5Ki", 512m, "512" },
        { "0.9Gi", 966_367_641.6m, "966367641600m" },
        { "0.001Ki", 1.024m, "1024m" },
        { "1.0000000001", 1.000000001m, "1001m" },
        { "1e-40", 0.000000001m, "1m" },
        { "0e99", 0m, "0" },
        { "007", 7m, "7" },
        { "79228162514264337593543950335", decimal.MaxValue, "79228162514264337593543950335" },
        { "79228162514264337593543950.335", 79228162514264337593543950.335m, "79228162514264337593543950335m" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Reads_the_exact_value_and_prints_the_canonical_text(string text, decimal value, string canonical)
    {
        Assert.True(Quantity.TryParse(text, out var quantity), text);

        Assert.Equal(value, quantity.Value);
        Assert.Equal(canonical, quantity.ToString());
        Assert.Equal(quantity, Quantity.Parse(text));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_canonical_text_reads_back_as_the_value_rounded_up_to_a_milli_unit(string text, decimal value, string canonical)
    {
        _ = text;
        var rounded = Math.Sign(value) * decimal.Round(Math.Abs(value), 3, MidpointRounding.ToPositiveInfinity);

        Assert.Equal(rounded, Quantity.Parse(canonical).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1 Gi")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("-.")]
    [InlineData("Gi")]
    [InlineData("1.5.3")]
    [InlineData("1..5")]
    [InlineData("1K")]
    [InlineData("1gi")]
    [InlineData("1KiB")]
    [InlineData("1mi")]
    [InlineData("1Gb")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1e1.5")]
    [InlineData("1e3m")]
    [InlineData("1Ki3")]
    [InlineData("1e99999999999")]
    [InlineData("0e99999999999")]
    [InlineData("1e29")]
    [InlineData("79228162514264337593543950336")]
    [InlineData("100000000000Ei")]
    [InlineData("79228162514264337593543950.3355")]
    [InlineData("0x10")]
    [InlineData("1_000")]
    [InlineData("١")]
    [InlineData("1,5")]
    public void Rejects_what_is_not_a_quantity(string? text)
    {
        Assert.False(Quantity.TryParse(text, out var quantity));
        Assert.Equal(Quantity.Zero, quantity);
    }

    [Fact]
    public void Parse_names_the_text_it_rejects()
    {
        var error = Assert.Throws<FormatException>(() => Quantity.Parse("2 cores"));

        Assert.Contains("'2 cores'", error.Message, StringComparison.Ordinal);
        Assert.Contains("for example 500m", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Each row: two texts and the canonical text of their sum.</summary>
    [Theory]
    [InlineData("500m", "1.5", "2")]
    [InlineData("250m", "100m", "350m")]
    [InlineData("1Gi", "512Mi", "1536Mi")]
    [InlineData("1Gi", "1G", "2073741824")]
    [InlineData("1Ki", "1k", "2024")]
    [InlineData("1Ki", "1024", "2Ki")]
    [InlineData("1024", "1024", "2048")]
    [InlineData("1k", "1e3", "2k")]
    [InlineData("1n", "1n", "1m")]
    [InlineData("0", "1Mi", "1Mi")]
    [InlineData("1Mi", "0", "1Mi")]
    [InlineData("0.5Gi", "0.5Gi", "1Gi")]
    [InlineData("128974848", "129e6", "257974848")]
    [InlineData("100M", "-100M", "0")]
    public void Sums_across_formats_keep_exact_values_and_binary_when_either_side_was(string a, string b, string sum)
    {
        var total = Quantity.Parse(a) + Quantity.Parse(b);

        Assert.Equal(Quantity.Parse(a).Value + Quantity.Parse(b).Value, total.Value);
        Assert.Equal(sum, total.ToString());
    }

    [Theory]
    [InlineData("1Gi", "1024Mi", "1Gi", true)]
    [InlineData("1073741824", "1Gi", "1Gi", true)]
    [InlineData("1073741824", "1073741824", "1073741824", false)]
    [InlineData("2", "1500m", "2", false)]
    [InlineData("1Mi", "1M", "1Mi", true)]
    [InlineData("1M", "1Mi", "1Mi", true)]
    [InlineData("2M", "1Mi", "2M", false)]
    public void Max_picks_the_larger_value_and_of_equal_values_keeps_binary(string a, string b, string max, bool binary)
    {
        var larger = Quantity.Max(Quantity.Parse(a), Quantity.Parse(b));

        Assert.Equal(max, larger.ToString());
        Assert.Equal(binary, larger.IsBinary);
    }

    [Fact]
    public void Equality_and_order_look_at_the_value_only()
    {
        var kibibyte = Quantity.Parse("1Ki");
        var plain = Quantity.Parse("1024");

        Assert.Equal(kibibyte, plain);
        Assert.True(kibibyte == plain);
        Assert.False(kibibyte != plain);
        Assert.Equal(kibibyte.GetHashCode(), plain.GetHashCode());
        Assert.Equal(Quantity.Parse("1"), Quantity.Parse("1000m"));
        Assert.Equal(Quantity.Parse("1").GetHashCode(), Quantity.Parse("1000m").GetHashCode());
        Assert.Equal(0, kibibyte.CompareTo(plain));
        Assert.True(kibibyte <= plain && kibibyte >= plain);
        Assert.True(Quantity.Parse("999m") < Quantity.Parse("1"));
        Assert.True(Quantity.Parse("1G") > Quantity.Parse("1Mi"));
        Assert.False(Quantity.Parse("1G") < Quantity.Parse("1Mi"));
        Assert.NotEqual(Quantity.Parse("1G"), Quantity.Parse("1Gi"));
        Assert.True(Quantity.Zero.IsZero);
        Assert.True(Quantity.Parse("0Mi").IsZero);
        Assert.False(Quantity.Parse("1n").IsZero);
        Assert.Equal(Quantity.Zero, default);
    }

    [Theory]
    [InlineData(2.5, false, "2500m")]
    [InlineData(1073741824, true, "1Gi")]
    [InlineData(1073741824, false, "1073741824")]
    [InlineData(0, true, "0")]
    public void A_computed_value_prints_by_the_same_rule(decimal value, bool binary, string text)
    {
        var quantity = Quantity.FromValue(value, binary);

        Assert.Equal(value, quantity.Value);
        Assert.Equal(text, quantity.ToString());
    }
}
