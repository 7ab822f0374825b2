namespace Rollcall.PersonioSandbox.Seeding;

/// <summary>
/// Names for generated employees. Mostly German, with other European names mixed in so that
/// umlauts, ß, accents and non-Latin-1 letters (ł, ø, å) all reach the client.
/// </summary>
internal static class NameLists
{
    public static readonly string[] FemaleFirst =
    [
        "Anna", "Lena", "Lea", "Hannah", "Marie", "Sophie", "Emilia", "Mia", "Clara", "Greta", "Jülide",
        "Käthe", "Jördis", "Änne", "Sabine", "Ursula", "Birgit", "Franziska", "Charlotte", "Luise", "Johanna",
        "Katharina", "Maren", "Svenja", "Tanja", "Heike", "Petra", "Dörte", "Elif", "Zoë", "Chloé", "Léa",
        "Amélie", "Inès", "Mónica", "Lucía", "Åsa", "Ingrid", "Sølvi", "Małgorzata", "Agnieszka", "Zuzana",
        "Giulia", "Francesca", "Aoife", "Siobhán", "Núria", "Joana", "Eszter", "Dagmar",
    ];

    public static readonly string[] MaleFirst =
    [
        "Lukas", "Jonas", "Leon", "Finn", "Paul", "Felix", "Maximilian", "Elias", "Noah", "Ben", "Jürgen",
        "Günther", "Jörg", "Björn", "Uwe", "Klaus", "Matthias", "Sebastian", "Tobias", "Florian", "Dieter",
        "Hans-Peter", "Karl-Heinz", "Malte", "Sönke", "Timo", "Mehmet", "Emre", "François", "Jérôme", "Rémi",
        "José", "Andrés", "Joaquín", "Søren", "Bjørn", "Håkan", "Łukasz", "Paweł", "Jiří", "Tomáš", "Luca",
        "Matteo", "Niccolò", "Seán", "Pádraig", "João", "Gonçalo", "Zoltán", "Ignacio",
    ];

    public static readonly string[] LastNames =
    [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
        "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann",
        "Köhler", "Weiß", "Groß", "Jäger", "Böhm", "Strauß", "Fuß", "Großmann", "Maaß", "Brandt", "Haas",
        "Schütz", "Kühn", "Vogel", "Günther", "Frank", "Albrecht", "Yılmaz", "Kaya", "Öztürk", "Dubois",
        "Lefèvre", "Girard", "Bérard", "Moreau", "García", "Fernández", "Muñoz", "Peña", "Lindqvist",
        "Åkesson", "Sørensen", "Løkke", "Nieminen", "Kowalski", "Wójcik", "Łukaszewski", "Nowák", "Dvořák",
        "Rossi", "Bianchi", "De Luca", "O'Brien", "Ó Súilleabháin", "van der Berg", "de Vries", "Gonçalves",
        "Szabó", "Novotná", "von Bülow",
    ];

    public static readonly (string Department, string Abbreviation, string[] Teams, string[] Positions)[] Departments =
    [
        ("Engineering", "ENG", ["Platform", "Payments", "Mobile"], ["Software Engineer", "Senior Software Engineer", "Engineering Manager", "Site Reliability Engineer"]),
        ("Sales", "SAL", ["DACH", "Nordics", "Southern Europe"], ["Account Executive", "Field Sales", "Sales Development Representative", "Head of Sales"]),
        ("Marketing", "MKT", ["Brand", "Growth"], ["Content Marketing Manager", "Performance Marketer", "Designer"]),
        ("Finance", "FIN", ["Accounting", "Controlling"], ["Accountant", "Financial Controller", "Buchhalterin"]),
        ("People", "HR", ["People Operations", "Recruiting"], ["People Partner", "Recruiter", "Payroll Specialist"]),
        ("Customer Success", "CS", ["Onboarding", "Support"], ["Customer Success Manager", "Support Specialist", "Technical Account Manager"]),
        ("Operations", "OPS", ["Facilities", "IT"], ["Office Manager", "IT Administrator", "Werkstudent Operations"]),
        ("Legal", "LEG", ["Legal"], ["Legal Counsel", "Datenschutzbeauftragter"]),
    ];

    public static readonly (string Suffix, string Country, (string Office, string City)[] Offices)[] LegalEntities =
    [
        ("GmbH", "DE", [("Berlin", "Berlin"), ("München", "München"), ("Hamburg", "Hamburg"), ("Köln", "Köln")]),
        ("Österreich GmbH", "AT", [("Wien", "Wien")]),
        ("Nordic AB", "SE", [("Stockholm", "Stockholm")]),
        ("France SAS", "FR", [("Paris", "Paris")]),
    ];

    public static readonly string[] Languages = ["German", "English", "French", "Spanish", "Swedish", "Polish", "Italian"];
}
