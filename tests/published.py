"""The published guideline set: numbers, slugs, Dutch and English titles and relations, as given to the
project in shared/guidelines.tsv. Kept here so the tests run from any clone; the content test compares the
sources with it."""

GUIDELINES = [
    (1, "gebruikersbehoeften", "Stel gebruikersbehoeften vast", "Define user needs", "toegankelijkheid privacy"),
    (2, "toegankelijkheid", "Zorg voor toegankelijkheid en inclusie", "Make things accessible and inclusive",
     "gebruikersbehoeften open-standaarden"),
    (3, "open-source", "Werk transparant en gebruik open source", "Work in the open and use open source",
     "open-standaarden samenwerking veiligheid"),
    (4, "open-standaarden", "Gebruik open standaarden", "Use open standards",
     "integratie toegankelijkheid open-source data"),
    (5, "cloud", "Hanteer een cloud-gedreven strategie", "Adopt a cloud-driven strategy",
     "veiligheid privacy duurzaamheid inkoop"),
    (6, "veiligheid", "Maak veilige systemen", "Build secure systems", "privacy data algoritmen cloud"),
    (7, "privacy", "Maak privacy integraal", "Make privacy integral", "veiligheid data algoritmen gebruikersbehoeften"),
    (8, "samenwerking", "Deel, hergebruik en werk samen", "Share, reuse and collaborate",
     "open-source integratie duurzaamheid"),
    (9, "integratie", "Integreer en pas technologie aan", "Integrate and adapt technology", "open-standaarden samenwerking"),
    (10, "data", "Maak beter gebruik van data", "Make better use of data", "algoritmen privacy veiligheid open-standaarden"),
    (11, "algoritmen", "Pas algoritmen verantwoord toe", "Apply algorithms responsibly",
     "data veiligheid privacy gebruikersbehoeften"),
    (12, "inkoop", "Definieer je inkoopstrategie", "Define your procurement strategy", "duurzaamheid cloud open-source"),
    (13, "duurzaamheid", "Maak je technologie duurzaam", "Make your technology sustainable", "cloud samenwerking inkoop"),
]
