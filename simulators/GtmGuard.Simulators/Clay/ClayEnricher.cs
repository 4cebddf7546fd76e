using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bogus;
using GtmGuard.Simulators.Chaos;

namespace GtmGuard.Simulators.Clay;

/// <summary>
/// Fake enrichment with Bogus, seeded per row from the simulator seed and the row's key
/// (<see cref="ClayRowKey"/>): the same seed and input always give the same company, title and score,
/// and the same rows find nothing.
/// </summary>
internal sealed class ClayEnricher
{
    private const ulong NoMatchChannel = 0x6e6f2d6d61746368UL;

    private static readonly string[] Industries =
    [
        "Software Development", "IT Services and IT Consulting", "Financial Services", "Hospitals and Health Care", "Retail",
        "Manufacturing", "Marketing Services", "Staffing and Recruiting", "Higher Education", "Real Estate",
        "Computer and Network Security", "Biotechnology Research", "Telecommunications", "Transportation, Logistics, Supply Chain and Storage",
        "Insurance", "Advertising Services",
    ];

    private static readonly string[] Departments = ["Sales", "Marketing", "Engineering", "Operations", "Finance", "People", "Product", "Customer Success", "IT", "Legal"];

    private static readonly (string Seniority, double Weight)[] Seniorities =
        [("entry", 0.2), ("senior", 0.2), ("manager", 0.22), ("director", 0.17), ("vp", 0.1), ("c_suite", 0.07), ("owner", 0.04)];

    private static readonly (int Min, int Max, double Weight)[] Headcounts =
        [(1, 10, 0.15), (11, 50, 0.25), (51, 200, 0.25), (201, 500, 0.15), (501, 1000, 0.08), (1001, 5000, 0.07), (5001, 10000, 0.03), (10001, 100000, 0.02)];

    private static readonly HashSet<string> FreeMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com",
    };

    private readonly ulong _seed;
    private readonly double _noMatchRate;

    public ClayEnricher(int seed, double noMatchRate)
    {
        _seed = (uint)seed;
        _noMatchRate = noMatchRate;
    }

    /// <summary>The enrichment for a row, or null when this row is one of the no-match share.</summary>
    public ClayEnrichment? Enrich(JsonObject fields)
    {
        var key = StableHash.Of(ClayRowKey.Of(fields));
        if (StableHash.Unit(_seed, key, NoMatchChannel) < _noMatchRate)
        {
            return null;
        }

        var faker = new Faker("en") { Random = new Randomizer(unchecked((int)StableHash.Mix(_seed, key))) };
        var (first, last) = PersonName(fields, faker);
        var (company, domain) = Company(fields, faker);
        var seniority = Weighted(faker, Seniorities, s => s.Weight).Seniority;
        var department = faker.PickRandom(Departments);
        var headcount = Weighted(faker, Headcounts, h => h.Weight);
        return new ClayEnrichment(
            FullName: $"{first} {last}",
            CompanyName: company,
            CompanyDomain: domain,
            Industry: faker.PickRandom(Industries),
            EmployeeCount: faker.Random.Int(headcount.Min, headcount.Max),
            Title: Title(seniority, department),
            Seniority: seniority,
            LinkedInUrl: $"https://www.linkedin.com/in/{Slug(first)}-{Slug(last)}-{faker.Random.Hexadecimal(8, string.Empty)}",
            LeadScore: faker.Random.Int(0, 100));
    }

    private static (string First, string Last) PersonName(JsonObject fields, Faker faker)
    {
        var first = ClayRowKey.Text(fields, "firstname", "givenname");
        var last = ClayRowKey.Text(fields, "lastname", "surname", "familyname");
        if ((first is null || last is null) && ClayRowKey.Text(fields, "fullname", "name") is { } full && full.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var f, var l])
        {
            first ??= f;
            last ??= l;
        }

        // Drawn even when the row names the person, so the remaining draws do not depend on which columns were sent.
        var fakeFirst = faker.Name.FirstName();
        var fakeLast = faker.Name.LastName();
        return (first ?? fakeFirst, last ?? fakeLast);
    }

    /// <summary>A work email's domain is the company's; otherwise Bogus invents a company and its domain.</summary>
    private static (string Name, string Domain) Company(JsonObject fields, Faker faker)
    {
        var fakeName = faker.Company.CompanyName();
        var email = ClayRowKey.Text(fields, "email", "workemail", "emailaddress");
        var domain = ClayRowKey.Text(fields, "domain", "companydomain")
            ?? (email is not null && email.Split('@') is [_, var host] && !FreeMailDomains.Contains(host) ? host.ToLowerInvariant() : null);
        if (domain is null)
        {
            return (fakeName, DomainOf(fakeName));
        }

        var label = domain.Split('.')[0];
        var name = ClayRowKey.Text(fields, "company", "companyname")
            ?? string.Join(' ', label.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        return (name, domain);
    }

    private static string Title(string seniority, string department) => seniority switch
    {
        "entry" => department == "Sales" ? "Sales Development Representative" : $"{department} Associate",
        "senior" => department == "Engineering" ? "Senior Software Engineer" : $"Senior {department} Specialist",
        "manager" => $"{department} Manager",
        "director" => $"Director of {department}",
        "vp" => $"VP of {department}",
        "c_suite" => department switch
        {
            "Sales" => "Chief Revenue Officer",
            "Marketing" => "Chief Marketing Officer",
            "Engineering" => "Chief Technology Officer",
            "Finance" => "Chief Financial Officer",
            "People" => "Chief People Officer",
            "Product" => "Chief Product Officer",
            "Customer Success" => "Chief Customer Officer",
            "IT" => "Chief Information Officer",
            "Legal" => "General Counsel",
            _ => "Chief Operating Officer",
        },
        _ => "Founder & CEO",
    };

    private static T Weighted<T>(Faker faker, IReadOnlyList<T> items, Func<T, double> weight)
    {
        var draw = faker.Random.Double() * items.Sum(weight);
        foreach (var item in items)
        {
            draw -= weight(item);
            if (draw < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    private static string DomainOf(string companyName)
    {
        var words = companyName.Split([' ', ',', '-', '&'], StringSplitOptions.RemoveEmptyEntries)
            .Select(Slug)
            .Where(w => w.Length > 0 && w is not ("and" or "inc" or "llc" or "group"));
        return string.Join('-', words) + ".com";
    }

    private static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
